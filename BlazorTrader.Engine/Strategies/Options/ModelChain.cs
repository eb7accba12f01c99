namespace BlazorTrader.Engine.Strategies.Options;

/// <summary>A modelled chain for one expiry: puts and calls on every strike step within a band around the spot (paper trading, tests).</summary>
public static class ModelChain
{
    public static IReadOnlyList<OptionQuote> Build(OptionPricer pricer, double spot, DateOnly expiry, DateTimeOffset settlesAtUtc,
        DateTimeOffset nowUtc, decimal strikeStep, double bandPercent = 15)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(strikeStep);
        var low = Math.Ceiling((decimal)(spot * (1 - bandPercent / 100)) / strikeStep) * strikeStep;
        var high = Math.Floor((decimal)(spot * (1 + bandPercent / 100)) / strikeStep) * strikeStep;
        var chain = new List<OptionQuote>();
        for (var strike = low; strike <= high; strike += strikeStep)
        {
            chain.Add(pricer.Quote(OptionRight.Put, spot, strike, expiry, settlesAtUtc, nowUtc));
            chain.Add(pricer.Quote(OptionRight.Call, spot, strike, expiry, settlesAtUtc, nowUtc));
        }
        return chain;
    }
}
