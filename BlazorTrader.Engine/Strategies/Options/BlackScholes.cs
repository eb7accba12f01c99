namespace BlazorTrader.Engine.Strategies.Options;

/// <summary>
/// European Black-Scholes-Merton with a continuous dividend yield, the model for cash-settled, European-exercise index
/// options (SPX/SPXW). <c>years</c> is the time to expiry in years; at or past expiry the value is intrinsic.
/// </summary>
public static class BlackScholes
{
    public static double Price(OptionRight right, double spot, double strike, double years, double rate, double dividendYield, double volatility)
    {
        Check(spot, strike, volatility);
        if (years <= 0) return Math.Max(0, right == OptionRight.Call ? spot - strike : strike - spot);
        var (d1, d2) = D(spot, strike, years, rate, dividendYield, volatility);
        var discountedSpot = spot * Math.Exp(-dividendYield * years);
        var discountedStrike = strike * Math.Exp(-rate * years);
        return right == OptionRight.Call
            ? discountedSpot * NormalDistribution.Cdf(d1) - discountedStrike * NormalDistribution.Cdf(d2)
            : discountedStrike * NormalDistribution.Cdf(-d2) - discountedSpot * NormalDistribution.Cdf(-d1);
    }

    /// <summary>dV/dS: calls in (0, 1), puts in (-1, 0).</summary>
    public static double Delta(OptionRight right, double spot, double strike, double years, double rate, double dividendYield, double volatility)
    {
        Check(spot, strike, volatility);
        if (years <= 0)
            return right == OptionRight.Call ? (spot > strike ? 1 : 0) : (spot < strike ? -1 : 0);
        var (d1, _) = D(spot, strike, years, rate, dividendYield, volatility);
        var carry = Math.Exp(-dividendYield * years);
        return right == OptionRight.Call ? carry * NormalDistribution.Cdf(d1) : carry * (NormalDistribution.Cdf(d1) - 1);
    }

    static (double D1, double D2) D(double spot, double strike, double years, double rate, double dividendYield, double volatility)
    {
        var volRoot = volatility * Math.Sqrt(years);
        var d1 = (Math.Log(spot / strike) + (rate - dividendYield + volatility * volatility / 2) * years) / volRoot;
        return (d1, d1 - volRoot);
    }

    static void Check(double spot, double strike, double volatility)
    {
        if (!(spot > 0) || !(strike > 0) || !(volatility > 0))
            throw new ArgumentOutOfRangeException(nameof(spot), "spot, strike and volatility must be positive");
    }
}
