using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;

namespace BlazorTrader.Services;

public enum PositionKind { Recorder, Account }

/// <summary>
/// One row of the Control Center's positions: a recorder's virtual position or an account's booked one, with its live
/// price and unrealized P&amp;L. <see cref="Key"/> is stable across refreshes (the row's identity on screen).
/// </summary>
public sealed record PositionRow(
    string Key, PositionKind Kind, string Owner, long OwnerId, long? PositionId, string Ticker, string Side, decimal Quantity,
    decimal AvgPrice, decimal? Price, decimal? Unrealized, bool ExitsPaused = false, string? Contract = null);

/// <summary>
/// Prices an account's booked position from the live price cache (the engine reprices recorder positions itself; an
/// account's book only moves on fills). Read at the UI's throttled render, never per tick.
/// </summary>
public sealed class PositionView(PriceCache prices, InstrumentCatalog instruments, FrontMonths months)
{
    /// <summary>A recorder's position is in the month its continuous ticker meant when it opened.</summary>
    public PositionRow FromRecorder(PositionSnapshot p, string owner) => new(
        $"r{p.Id}", PositionKind.Recorder, owner, p.RecorderId, p.Id, p.Ticker, p.Side, p.TotalQuantity, p.AvgEntryPrice, p.CurrentPrice,
        p.UnrealizedPnl, p.ExitsPaused, Contract(p.Ticker, months.At(p.Ticker, p.OpenedAt)));

    /// <summary>The dated contract beside a continuous ticker (MNQ1!: MNQZ2026); null for anything else.</summary>
    public string? Contract(string ticker, string? month = null) =>
        (month ?? months.Now(ticker)) is { } m && instruments.InMonth(ticker, m) is var dated && dated != ticker ? dated : null;

    public PositionRow FromAccount(AccountPositionRow p)
    {
        decimal? last = prices.TryGet(p.Symbol, out var quote) ? quote.Price : null;
        decimal? unrealized = last is { } price
            ? instruments.SpecFor(p.Symbol).PnL(p.AvgPrice, price, Math.Abs(p.Quantity), Math.Sign(p.Quantity))
            : null;
        // Opened-at in the key: a position closed and opened again is a new row (and a new close request).
        return new PositionRow($"a{p.AccountId}:{p.Symbol}:{p.OpenedAt?.Ticks}", PositionKind.Account, p.AccountName, p.AccountId, null, p.Symbol,
            p.Quantity > 0 ? "long" : "short", Math.Abs(p.Quantity), p.AvgPrice, last, unrealized, Contract: Contract(p.Symbol, p.ContractMonth));
    }
}
