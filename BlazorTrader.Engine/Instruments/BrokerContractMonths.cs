using System.Collections.Concurrent;

namespace BlazorTrader.Engine.Instruments;

/// <summary>A continuous ticker as a broker resolved it on one trade date: the month and the broker's contract id.</summary>
public sealed record BrokerContractMonth(DateOnly TradeDate, ContractMonth Month, int ConId);

/// <summary>
/// What the broker said a continuous ticker means today (IB's CONTFUT contract details), shared by every IB session and
/// read by <c>GET /api/instruments/{ticker}</c>: the broker's answer wins over the listing rule, and it is only good for
/// the trade date it was asked on, so the roll is seen the next trading day.
/// </summary>
public sealed class BrokerContractMonths
{
    private readonly ConcurrentDictionary<string, BrokerContractMonth> _bySymbol = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="symbol">The continuous ticker without exchange prefix, e.g. MNQ1!.</param>
    public void Record(string symbol, BrokerContractMonth resolved) => _bySymbol[symbol] = resolved;

    /// <summary>The broker's answer for <paramref name="symbol"/> on <paramref name="tradeDate"/>; null when it was not asked that day.</summary>
    public BrokerContractMonth? Find(string symbol, DateOnly tradeDate) =>
        _bySymbol.TryGetValue(symbol, out var known) && known.TradeDate == tradeDate ? known : null;
}
