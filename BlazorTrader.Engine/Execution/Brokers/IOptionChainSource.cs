using BlazorTrader.Engine.Strategies.Options;

namespace BlazorTrader.Engine.Execution.Brokers;

/// <summary>
/// Index option data a strategy decides on: the underlying's price, the listed strikes of an expiry with bid/ask and the
/// broker's model greeks, and quotes of given contracts. Paper answers from the engine's Black-Scholes model; a broker with
/// option data (Interactive Brokers: security definition parameters, contract details, option computation ticks) implements it.
/// </summary>
public interface IOptionChainSource
{
    Task<OptionChainSnapshot> GetChainAsync(OptionChainQuery query, CancellationToken ct);

    /// <summary>Quotes of these option tickers (OCC form); contracts without a quote are left out.</summary>
    Task<IReadOnlyList<OptionChainQuote>> GetQuotesAsync(IReadOnlyList<string> tickers, CancellationToken ct);
}

/// <summary>The chain of one expiry around the underlying (strikes on <see cref="StrikeStep"/>), plus the quotes of a second expiry.
/// <see cref="TargetDelta"/> lets a source with few market-data lines (IB) quote the second expiry only near that delta.</summary>
public sealed record OptionChainQuery(string Underlying, string TradingClass, DateOnly Expiry, DateOnly SecondExpiry, decimal StrikeStep, decimal TargetDelta = 0.20m);

/// <summary>What the source found; <see cref="Problem"/> says why the chain is unusable (no index price, no such expiry...).</summary>
public sealed record OptionChainSnapshot(decimal? UnderlyingPrice, IReadOnlyList<OptionChainQuote> Quotes, string? Problem = null);

/// <summary>One option: its ticker (OCC form), the broker's contract id where it has one, bid/ask and the model's greeks.</summary>
public sealed record OptionChainQuote(
    string Ticker, OptionRight Right, DateOnly Expiry, decimal Strike, decimal Bid, decimal Ask, double? Delta, double? ImpliedVolatility, long? ConId = null)
{
    public decimal Mid => (Bid + Ask) / 2m;
}
