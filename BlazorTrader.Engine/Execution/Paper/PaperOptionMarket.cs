using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Engine.Strategies.Options;
using BlazorTrader.Engine.Strategies.SpxCalendar;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Execution.Paper;

/// <summary>
/// Paper option settings (<c>Paper:Options</c>): the volatility surface and spread of the model, and how long a combo limit
/// at the model's mid waits before it fills (a limit at the natural price fills at once).
/// </summary>
public sealed class PaperOptionsOptions
{
    public const string Section = "Paper:Options";

    public double BaseIv { get; set; } = 0.16;
    public double TermSlopePerYear { get; set; } = 0.03;
    public double Skew { get; set; } = 0.6;
    public double Curvature { get; set; } = 1.0;
    public double RiskFreeRate { get; set; } = 0.04;
    public double DividendYield { get; set; } = 0.013;
    public decimal MinHalfSpread { get; set; } = 0.05m;
    public decimal HalfSpreadPercent { get; set; } = 1.5m;
    /// <summary>A combo limit at (or better than) the model's mid fills after this many seconds of working.</summary>
    public int ComboMidFillSeconds { get; set; } = 10;
    /// <summary>The index the option prices follow (the simulated feed publishes it).</summary>
    public string Underlying { get; set; } = "SPX";

    internal OptionPricer Pricer() => new()
    {
        Surface = new VolatilitySurface { BaseIv = BaseIv, TermSlopePerYear = TermSlopePerYear, Skew = Skew, Curvature = Curvature },
        RiskFreeRate = RiskFreeRate, DividendYield = DividendYield, MinHalfSpread = MinHalfSpread, HalfSpreadPercent = HalfSpreadPercent,
    };
}

/// <summary>
/// SPXW options priced by the engine's model from the SPX price in the cache: European Black-Scholes on the configured surface,
/// expiries on every trading day (settling at the close). The paper account's option chain and its combo fills both read it.
/// </summary>
internal sealed class PaperOptionMarket(PriceCache prices, TradingCalendar calendar, IOptions<PaperOptionsOptions> options, TimeProvider time)
    : IOptionChainSource
{
    private readonly OptionPricer _pricer = options.Value.Pricer();

    public PaperOptionsOptions Settings => options.Value;

    public decimal? Underlying() => prices.TryGet(options.Value.Underlying, out var last) && last.Price > 0 ? last.Price : null;

    /// <summary>The model's quote of an SPX/SPXW option ticker, or null (not an option, no index price, expired).</summary>
    public OptionChainQuote? Quote(string ticker)
    {
        if (SpxwTicker.Parse(ticker) is not { } option || Underlying() is not { } spx) return null;
        var settles = SpxwExpiries.SettlesAtUtc(option.Expiry, calendar);
        var now = time.GetUtcNow();
        if (now >= settles) return null;
        return ToQuote(ticker, _pricer.Quote(SpxwTicker.RightOf(option), (double)spx, option.Strike, option.Expiry, settles, now));
    }

    public Task<OptionChainSnapshot> GetChainAsync(OptionChainQuery query, CancellationToken ct)
    {
        if (Underlying() is not { } spx)
            return Task.FromResult(new OptionChainSnapshot(null, [], $"no {options.Value.Underlying} price yet (the feed has not published one)"));
        var quotes = new List<OptionChainQuote>();
        foreach (var expiry in new[] { query.Expiry, query.SecondExpiry }.Distinct())
        {
            if (!SpxwExpiries.IsExpiry(expiry, calendar)) return Task.FromResult(new OptionChainSnapshot(spx, [], $"{expiry:yyyy-MM-dd} is not an SPXW expiry"));
            var chain = ModelChain.Build(_pricer, (double)spx, expiry, SpxwExpiries.SettlesAtUtc(expiry, calendar), time.GetUtcNow(), query.StrikeStep);
            quotes.AddRange(chain.Select(q => ToQuote(SpxwTicker.For(q.Right, q.Expiry, q.Strike), q)));
        }
        return Task.FromResult(new OptionChainSnapshot(spx, quotes));
    }

    public Task<IReadOnlyList<OptionChainQuote>> GetQuotesAsync(IReadOnlyList<string> tickers, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OptionChainQuote>>([.. tickers.Select(Quote).OfType<OptionChainQuote>()]);

    private static OptionChainQuote ToQuote(string ticker, OptionQuote q) =>
        new(ticker, q.Right, q.Expiry, q.Strike, q.Bid, q.Ask, q.Delta, q.ImpliedVolatility);
}
