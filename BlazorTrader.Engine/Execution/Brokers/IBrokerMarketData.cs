using BlazorTrader.Engine.Strategies.Indicators;

namespace BlazorTrader.Engine.Execution.Brokers;

/// <summary>
/// What a broker can tell about the market beyond quotes, where it has it (Interactive Brokers): bar history and a
/// market scanner. A broker without it answers null from <see cref="IBroker.MarketData"/>, and the engine builds bars
/// from the feed's ticks instead.
/// </summary>
public interface IBrokerMarketData
{
    /// <summary>Today's trade bars of one stock so far (oldest first, each stamped with its start in UTC).</summary>
    Task<BrokerBars> GetSessionBarsAsync(SessionBarsQuery query, CancellationToken ct);

    /// <summary>The regular-session close of <paramref name="previousTradeDate"/> from the broker's daily bars; null when it has none.</summary>
    Task<decimal?> GetPreviousCloseAsync(string symbol, DateOnly previousTradeDate, CancellationToken ct);

    /// <summary>One snapshot of the broker's top % gainers among US stocks priced within the range, best first.</summary>
    Task<IReadOnlyList<string>> ScanTopGainersAsync(TopGainersQuery query, CancellationToken ct);
}

/// <param name="SessionStartUtc">The first bar wanted: 04:00 ET in the premarket, 09:30 ET once the market is open.</param>
/// <param name="RegularHoursOnly">Only trades of the regular session (IB useRTH=1).</param>
public sealed record SessionBarsQuery(string Symbol, int BarSeconds, DateTimeOffset SessionStartUtc, DateTimeOffset EndUtc, bool RegularHoursOnly);

/// <param name="Paced">True when the broker's pacing rules allowed no new request: <see cref="Bars"/> are those of the last
/// answer (possibly none), not fresh ones.</param>
public sealed record BrokerBars(IReadOnlyList<Bar> Bars, bool Paced = false);

public sealed record TopGainersQuery(decimal MinPrice, decimal MaxPrice, int MaxRows);
