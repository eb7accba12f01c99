using BlazorTrader.Engine.Accounts;

namespace BlazorTrader.Components.Shared;

/// <summary>One wording of an account position's protection for every page: "stop 21498.00, targets 21502.50 / 21505.00".</summary>
public static class ProtectionText
{
    public static string Levels(PositionProtection p, TickPrices prices)
    {
        var stop = p.Stop is { } s ? $"stop {prices.Price(p.Symbol, s)}" : "no stop";
        return p.Targets.Count == 0 ? stop
            : $"{stop}, target{(p.Targets.Count == 1 ? "" : "s")} {string.Join(" / ", p.Targets.Select(t => prices.Price(p.Symbol, t)))}";
    }

    /// <summary>The short form for a table cell; the detail (why unprotected) goes in its title.</summary>
    public static string Chip(PositionProtection p) => p.State switch
    {
        ProtectionState.Protected => "protected",
        ProtectionState.Unprotected => "unprotected",
        _ => "app exits",
    };

    public static string Title(PositionProtection p, TickPrices prices) => p.State switch
    {
        ProtectionState.Protected => $"Protected at the broker: {Levels(p, prices)}",
        ProtectionState.Unprotected => $"Unprotected at the broker: {p.Detail}{(p.Targets.Count > 0 || p.Stop is not null ? $" ({Levels(p, prices)})" : "")}",
        _ => "This broker rests no protective orders: the app's exits protect the position",
    };
}
