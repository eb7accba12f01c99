namespace BlazorTrader.Engine.Strategies.Options;

/// <summary>
/// A simple implied-volatility surface for the paper broker's option prices:
/// iv = baseIv + termSlope x (years - 30/365) - skew x ln(K/S) + curvature x ln(K/S)^2, clamped to [minIv, maxIv].
/// The defaults look like a calm SPX month: 16 % at the money, a rising term structure, puts richer than calls.
/// </summary>
public sealed record VolatilitySurface
{
    public double BaseIv { get; init; } = 0.16;
    public double TermSlopePerYear { get; init; } = 0.03;
    public double Skew { get; init; } = 0.6;
    public double Curvature { get; init; } = 1.0;
    public double MinIv { get; init; } = 0.05;
    public double MaxIv { get; init; } = 2.0;

    public double ImpliedVolatility(double spot, double strike, double years)
    {
        var moneyness = Math.Log(strike / spot);
        var iv = BaseIv + TermSlopePerYear * (years - 30.0 / 365.0) - Skew * moneyness + Curvature * moneyness * moneyness;
        return Math.Clamp(iv, MinIv, MaxIv);
    }

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (BaseIv is <= 0 or > 5) errors["baseIv"] = ["baseIv must be greater than 0 and at most 5 (500 %)"];
        if (MinIv <= 0 || MaxIv <= MinIv) errors["minIv"] = ["minIv must be positive and below maxIv"];
        if (Math.Abs(Skew) > 10) errors["skew"] = ["skew must be from -10 to 10"];
        if (Math.Abs(TermSlopePerYear) > 5) errors["termSlopePerYear"] = ["termSlopePerYear must be from -5 to 5"];
        if (Math.Abs(Curvature) > 100) errors["curvature"] = ["curvature must be from -100 to 100"];
        return errors;
    }
}
