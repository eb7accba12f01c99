using BlazorTrader.Hosting;

// Content root = the app's folder, so appsettings.json (and a published wwwroot) load whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddCommandLineShortcuts(args);   // --replay file.csv
builder.AddBlazorTraderDefaults();   // options, ProblemDetails, JSON, rate limits, API key, health checks
builder.AddPersistence();            // EF Core on SQLite | PostgreSQL, migrated at start
builder.AddTradingEngine();          // the single-writer engine and what it owns
builder.AddScheduling();             // Hangfire: storage, server; recurring jobs enqueue engine commands
builder.AddWebUi();                  // Razor components + MudBlazor

var app = builder.Build();
app.MapBlazorTrader();               // middleware, endpoints, UI
try
{
    app.Run();
}
catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
{
    // SIGTERM arrived while the app was still starting (e.g. migrating): a requested stop, not a crash.
}
