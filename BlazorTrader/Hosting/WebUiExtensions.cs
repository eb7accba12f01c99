using BlazorTrader.Components;
using BlazorTrader.Components.Recorders;
using BlazorTrader.Components.Shared;
using BlazorTrader.Endpoints;
using BlazorTrader.Hosting.Security;
using BlazorTrader.Services;
using MudBlazor.Services;

namespace BlazorTrader.Hosting;

public static class WebUiExtensions
{
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        // `dotnet run` starts in Production, where package assets (MudBlazor's CSS/JS) are only found through the
        // build's static web assets manifest; a published app has no manifest and this is a no-op.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(o =>
        {
            // A burst of events (a flatten closing ten positions) must not bury the screen: a few at a time, no repeats.
            o.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
            o.SnackbarConfiguration.PreventDuplicates = true;
            o.SnackbarConfiguration.VisibleStateDuration = 5000;
            o.SnackbarConfiguration.NewestOnTop = true;
        });
        builder.Services.AddCookieLogin();
        builder.Services.AddSingleton<PnlSeries>();
        builder.Services.AddSingleton<TradingReadModel>();
        builder.Services.AddSingleton<PositionView>();   // account positions priced from the live cache
        builder.Services.AddSingleton<ExchangeTime>();   // every time on screen, in the exchange zone
        builder.Services.AddSingleton<TickPrices>();     // every price on screen, to its tick
        builder.Services.AddScoped<IPendingWebhookStore, ProtectedSessionWebhookStore>();   // the new webhook URL: browser session, encrypted
        builder.Services.AddScoped<WebhookHandover>();
        builder.Services.AddSingleton<IControlCenterActions, EngineControlCenterActions>();
        builder.Services.AddSingleton<IAccountAdmin, EngineAccountAdmin>();
        return builder;
    }

    public static WebApplication MapBlazorTrader(this WebApplication app)
    {
        app.UseForwardedHeaders();   // honoured only from Webhooks:TrustedProxies
        app.UseSecurityHeaders();    // CSP, nosniff, frame and referrer policies; HSTS on HTTPS
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler();
        app.UseBadRequestSafetyNet();   // unreadable requests are 4xx, never 500
        app.UseEngineUnavailableResponses();   // a lost lead or an engine timeout is 503, on every endpoint
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();

        app.MapWebhookEndpoints();
        app.MapRecorderEndpoints();
        app.MapPositionEndpoints();
        app.MapPnlEndpoints();
        app.MapInstrumentEndpoints();
        app.MapAccountEndpoints();
        app.MapBrokerOAuthEndpoints();
        app.MapOrderEndpoints();
        app.MapStrategyEndpoints();
        app.MapSpxCalendarEndpoints();
        app.MapGapAndGoEndpoints();
        app.MapHealthEndpoints();
        app.MapScheduling();
        app.MapLoginEndpoints();
        app.MapExportEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
