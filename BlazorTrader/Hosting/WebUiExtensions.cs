using BlazorTrader.Components;
using BlazorTrader.Endpoints;
using MudBlazor.Services;

namespace BlazorTrader.Hosting;

public static class WebUiExtensions
{
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<PnlSeries>();
        return builder;
    }

    public static WebApplication MapBlazorTrader(this WebApplication app)
    {
        app.UseForwardedHeaders();   // honoured only from Webhooks:TrustedProxies
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();

        app.MapWebhookEndpoints();
        app.MapRecorderEndpoints();
        app.MapPositionEndpoints();
        app.MapPnlEndpoints();
        app.MapAccountEndpoints();
        app.MapOrderEndpoints();
        app.MapStrategyEndpoints();
        app.MapHealthEndpoints();
        app.MapScheduling();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
