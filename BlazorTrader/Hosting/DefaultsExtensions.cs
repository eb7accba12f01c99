using System.Text.Json.Serialization;
using BlazorTrader.Endpoints;
using BlazorTrader.Hosting.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BlazorTrader.Hosting;

public static class DefaultsExtensions
{
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(8);

    public static WebApplicationBuilder AddBlazorTraderDefaults(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://localhost:5080");

        // SIGTERM: every hosted service gets at most this long to stop (the default 30 s let a stuck stop hang the process).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // A stalled or trickling sender is cut off in seconds (408), not left to tie up a request.
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(5);
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(3));
        });
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddWebhookRateLimiting();
        builder.Services.AddWebhookSourceFiltering(builder.Configuration);
        builder.Services.AddApiKeyAuthentication();
        builder.Services.AddBlazorTraderHealthChecks();
        builder.Services.AddTokenRedaction();
        return builder;
    }
}
