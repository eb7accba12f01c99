using System.Net;
using BlazorTrader.Engine.Signals;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Hosting;

/// <summary>
/// Webhooks:AllowedSources: when set, only these IPs/CIDRs may call webhooks (the preset
/// <c>TradingView</c> stands for TradingView's published webhook addresses). Behind a reverse proxy the
/// client address comes from X-Forwarded-For only when the proxy is listed in Webhooks:TrustedProxies.
/// </summary>
public static class WebhookSourceFilter
{
    /// <summary>TradingView's published webhook source addresses (TradingView help center, "About webhooks").</summary>
    public static readonly string[] TradingViewAddresses = ["52.89.214.238", "34.212.75.30", "54.218.53.128", "52.32.178.7"];

    public static IServiceCollection AddWebhookSourceFiltering(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("Webhooks:TrustedProxies").Get<string[]>() ?? [])
                options.KnownIPNetworks.Add(ParseNetwork(proxy));
        });
        return services;
    }

    public static RouteHandlerBuilder RequireAllowedSource(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<WebhookOptions>>().CurrentValue;
            if (options.AllowedSources.Length == 0) return await next(context);
            var remote = context.HttpContext.Connection.RemoteIpAddress;
            if (remote is not null && Networks(options.AllowedSources).Any(n => n.Contains(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)))
                return await next(context);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Source not allowed",
                detail: $"{remote} is not in Webhooks:AllowedSources.");
        });

    private static IEnumerable<System.Net.IPNetwork> Networks(IEnumerable<string> sources) =>
        sources.SelectMany(s => s.Equals("TradingView", StringComparison.OrdinalIgnoreCase) ? TradingViewAddresses : [s]).Select(ParseNetwork);

    private static System.Net.IPNetwork ParseNetwork(string text)
    {
        text = text.Trim();
        if (System.Net.IPNetwork.TryParse(text, out var network)) return network;
        if (IPAddress.TryParse(text, out var address)) return new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        throw new InvalidOperationException($"'{text}' in Webhooks:AllowedSources or Webhooks:TrustedProxies is not an IP address or CIDR.");
    }
}
