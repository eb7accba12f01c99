namespace BlazorTrader.Engine.Strategies.Options;

/// <summary>A modelled option quote: the model's value and delta, and a bid/ask around it on the option's tick ladder.</summary>
public sealed record OptionQuote(OptionRight Right, decimal Strike, DateOnly Expiry, double ImpliedVolatility, decimal Theoretical, double Delta, decimal Bid, decimal Ask)
{
    public decimal Mid => (Bid + Ask) / 2m;
}

/// <summary>
/// Prices index options from the surface: European Black-Scholes to the expiry's 16:00 ET settlement, a half-spread of
/// max(minHalfSpread, halfSpreadPercent % of the value) so it grows with price, bid rounded down and ask up to the tick
/// (0.05 below 3.00, 0.10 from 3.00 for SPX), and a bid never below 0.
/// </summary>
public sealed record OptionPricer
{
    public VolatilitySurface Surface { get; init; } = new();
    public double RiskFreeRate { get; init; } = 0.04;
    public double DividendYield { get; init; } = 0.013;
    public decimal MinHalfSpread { get; init; } = 0.05m;
    public decimal HalfSpreadPercent { get; init; } = 1.5m;

    public OptionQuote Quote(OptionRight right, double spot, decimal strike, DateOnly expiry, DateTimeOffset expiresAtUtc, DateTimeOffset nowUtc)
    {
        var years = Math.Max(0, (expiresAtUtc - nowUtc).TotalDays / 365.0);
        var k = (double)strike;
        var iv = Surface.ImpliedVolatility(spot, k, Math.Max(years, 1.0 / 365));
        var value = BlackScholes.Price(right, spot, k, years, RiskFreeRate, DividendYield, iv);
        var delta = BlackScholes.Delta(right, spot, k, years, RiskFreeRate, DividendYield, iv);
        var theo = Math.Round((decimal)value, 4);
        var half = Math.Max(MinHalfSpread, theo * HalfSpreadPercent / 100m);
        var bid = Math.Max(0, Floor(theo - half));
        var ask = Ceiling(theo + half);
        return new OptionQuote(right, strike, expiry, iv, theo, delta, bid, ask);
    }

    /// <summary>SPX option tick: 0.05 below 3.00, 0.10 from 3.00.</summary>
    public static decimal TickAt(decimal price) => price >= 3m ? 0.10m : 0.05m;

    static decimal Floor(decimal price) => price <= 0 ? 0 : Math.Floor(price / TickAt(price)) * TickAt(price);

    static decimal Ceiling(decimal price)
    {
        var tick = TickAt(price);
        return Math.Max(tick, Math.Ceiling(price / tick) * tick);
    }
}
