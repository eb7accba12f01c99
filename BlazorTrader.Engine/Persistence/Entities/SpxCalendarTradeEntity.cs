using BlazorTrader.Engine.Strategies.Options;
using BlazorTrader.Engine.Strategies.SpxCalendar;

namespace BlazorTrader.Engine.Persistence.Entities;

/// <summary>Where a calendar is in its life: being entered, held (target resting), being closed, or done.</summary>
public enum SpxCalendarTradeStatus
{
    /// <summary>The chain is being read or the entry ladder is working.</summary>
    Entering,
    /// <summary>The ladder ended without a fill (the day may be retried by hand).</summary>
    NotFilled,
    /// <summary>No order went out: no strikes, no quotes, no chain (the day may be retried by hand).</summary>
    NotEntered,
    Open,
    /// <summary>The time exit or a manual close is cancelling the target or walking the close ladder.</summary>
    Closing,
    /// <summary>Handed to the trader ("stop managing"): no automatic exits, its target cancelled.</summary>
    Manual,
    Closed,
}

/// <summary>The profit target's state as the broker reported it.</summary>
public enum SpxTargetStatus { None, Pending, Working, Filled, Cancelled, Rejected }

/// <summary>Which ladder is working: the entry (walked up) or the close (walked down, then a market order).</summary>
public enum SpxLadderKind { None, Entry, Exit }

/// <summary>
/// One SPX double calendar (issue 16): what was bought, for how much, its resting target and how it ended. One row per entry
/// attempt; <see cref="EntryKey"/> (strategy + trade date + "entry", UNIQUE) lets one live entry per day through whatever
/// fires it. Quantity is stored per trade, so a later change of the parameters never changes what reconciliation expects.
/// </summary>
public sealed class SpxCalendarTradeEntity
{
    public long Id { get; set; }
    public long StrategyId { get; set; }
    public long AccountId { get; set; }
    public DateOnly TradeDate { get; set; }
    /// <summary>The day's entry key (a retry after "not filled" adds <c>:2</c>, <c>:3</c>...); UNIQUE.</summary>
    public required string EntryKey { get; set; }
    public int Attempt { get; set; } = 1;
    public required string Source { get; set; }
    public SpxCalendarTradeStatus Status { get; set; }
    public int Quantity { get; set; }
    public decimal? Spx { get; set; }
    public DateOnly? ShortExpiry { get; set; }
    public DateOnly? LongExpiry { get; set; }
    public decimal? PutStrike { get; set; }
    public decimal? CallStrike { get; set; }
    public double? PutDelta { get; set; }
    public double? CallDelta { get; set; }
    /// <summary>Why an expiry differs from entry + N days, or why the exit moved (a holiday).</summary>
    public string? Notes { get; set; }
    public List<SpxCalendarLegRecord> Legs { get; set; } = [];
    public decimal? ComboMid { get; set; }
    /// <summary>The entry ladder's (or the close ladder's) limit prices, one per attempt.</summary>
    public List<decimal> LadderPrices { get; set; } = [];
    public SpxLadderKind Ladder { get; set; }
    /// <summary>The attempt (0-based) the working order is at.</summary>
    public int LadderStep { get; set; }
    /// <summary>The working order's key (a cancel-and-replace adds <c>:r{step}</c>).</summary>
    public string? LadderKey { get; set; }
    /// <summary>True while the working order is being cancelled to be replaced at the next price (or by the final market order).</summary>
    public bool LadderReplacing { get; set; }
    /// <summary>Entry debit per combo (the average fill).</summary>
    public decimal? Debit { get; set; }
    /// <summary>debit x (1 + percent/100), rounded once to 0.05: the GTC's exact price.</summary>
    public decimal? TargetPrice { get; set; }
    public string? TargetKey { get; set; }
    public int TargetAttempt { get; set; }
    public SpxTargetStatus TargetStatus { get; set; }
    public string? TargetBrokerOrderId { get; set; }
    public DateOnly? ExitDate { get; set; }
    public DateTime? ExitAtUtc { get; set; }
    public decimal? ExitCredit { get; set; }
    public decimal? RealizedPnl { get; set; }
    public string? ExitReason { get; set; }
    public string? LastProblem { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? OpenedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool CountsAsOpen => Status is SpxCalendarTradeStatus.Entering or SpxCalendarTradeStatus.Open or SpxCalendarTradeStatus.Closing or SpxCalendarTradeStatus.Manual;

    public bool HoldsLegs => Status is SpxCalendarTradeStatus.Open or SpxCalendarTradeStatus.Closing or SpxCalendarTradeStatus.Manual;
}

/// <summary>One leg as recorded: the option (our OCC ticker), the broker's contract id and the model greeks at entry.</summary>
public sealed class SpxCalendarLegRecord
{
    public required string Ticker { get; set; }
    public LegAction Action { get; set; }
    public OptionRight Right { get; set; }
    public DateOnly Expiry { get; set; }
    public decimal Strike { get; set; }
    public long? ConId { get; set; }
    public double? Delta { get; set; }
    public double? ImpliedVolatility { get; set; }
    public decimal? Mid { get; set; }
}
