using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Endpoints;

/// <summary>The resource shapes of docs/api.md. Extend freely, never rename.</summary>
public static class ApiContracts
{
    public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

    public sealed record Position(long Id, long RecorderId, string Ticker, string Side, decimal TotalQuantity, decimal AvgEntryPrice,
        decimal? CurrentPrice, decimal UnrealizedPnl, decimal RealizedPnl, decimal WorstUnrealizedPnl, decimal BestUnrealizedPnl,
        string Status, DateTime OpenedAt, DateTime? ClosedAt, bool ExitsPaused = false);

    public sealed record TpTarget(decimal Price, decimal Trim, decimal FilledQuantity, DateTime? HitAt);

    public sealed record Trade(long Id, long RecorderId, long PositionId, string Ticker, string Side, decimal Quantity, decimal OpenQuantity,
        decimal EntryPrice, decimal? TpPrice, IReadOnlyList<TpTarget> TpTargets, decimal? SlPrice, decimal? ExitPrice, string? ExitReason,
        decimal RealizedPnl, decimal Mfe, decimal Mae, string Status, DateTime OpenedAt, DateTime? ClosedAt,
        string? DecisionDataMode, long? DecisionTickAgeMs);

    public sealed record Signal(long Id, long RecorderId, DateTime ReceivedAt, DateTime? AlertTime, DateTime? DecidedAt, string Dialect,
        string Action, string Ticker, decimal? Price, decimal? Quantity, string Status, string? Reason, string RawPayload,
        string? QuantityType = null, string? OrderType = null, decimal? LimitPrice = null, decimal? StopPrice = null,
        LatencyTrail? Latency = null, IReadOnlyList<long>? IntentIds = null);

    /// <summary>A signal's way through the system: alert sent, received, decided, first order submitted, first fill.</summary>
    public sealed record LatencyTrail(DateTime? AlertTime, DateTime ReceivedAt, DateTime? DecidedAt, DateTime? SubmittedAt, DateTime? FilledAt,
        double? ReceivedToDecidedMs, double? ReceivedToFilledMs);

    public sealed record AccountLink(long AccountId, decimal Multiplier);

    public sealed record Recorder(long Id, string Name, bool RecordingEnabled, decimal InitialPositionSize, decimal AddPositionSize,
        PriceUnits TpUnits, IReadOnlyList<TakeProfitTarget> TpTargets, bool SlEnabled, decimal SlAmount, PriceUnits SlUnits,
        bool TrailingEnabled, decimal TrailingTrigger, decimal TrailingDistance, bool BreakEvenAfterTp1, int? MaxEntriesPerDay,
        bool BlockReentryAfterClose, IReadOnlyList<AccountLink> Accounts, DateTime CreatedAt, DateTime UpdatedAt, DateTime TokenCreatedAt,
        bool PauseExitsOnDelayedData, SameSideSignal SameSideSignal, decimal? Capital, string? WebhookUrl = null);

    public static Position ToPosition(PositionSnapshot p) => new(p.Id, p.RecorderId, p.Ticker, p.Side, p.TotalQuantity, p.AvgEntryPrice,
        p.CurrentPrice, p.UnrealizedPnl, p.RealizedPnl, p.WorstUnrealizedPnl, p.BestUnrealizedPnl, p.Status, p.OpenedAt, p.ClosedAt, p.ExitsPaused);

    public static Position ToPosition(PositionEntity p) => new(p.Id, p.RecorderId, p.Ticker, p.Side, p.TotalQuantity, p.AvgEntryPrice,
        p.CurrentPrice, p.UnrealizedPnl, p.RealizedPnl, p.WorstUnrealizedPnl, p.BestUnrealizedPnl, p.Status, p.OpenedAt, p.ClosedAt);

    public static Trade ToTrade(TradeEntity t) => new(t.Id, t.RecorderId, t.PositionId, t.Ticker, t.Side, t.Quantity, t.OpenQuantity,
        t.EntryPrice, t.TpTargets.FirstOrDefault()?.Price, t.TpTargets.Select(x => new TpTarget(x.Price, x.Trim, x.FilledQuantity, x.HitAt)).ToList(),
        t.SlPrice, t.ExitPrice, t.ExitReason, t.RealizedPnl, t.Mfe, t.Mae, t.Status, t.OpenedAt, t.ClosedAt,
        t.DecisionDataMode, t.DecisionTickAgeMs);

    public static Signal ToSignal(SignalEntity s) => ToSignal(s, []);

    public static Signal ToSignal(SignalEntity s, IReadOnlyList<OrderIntentEntity> intents)
    {
        var submitted = intents.Min(i => i.SubmittedAt);
        var filled = intents.Min(i => i.FirstFillAt);
        var trail = new LatencyTrail(s.AlertTime, s.ReceivedAt, s.DecidedAt, submitted, filled,
            (s.DecidedAt - s.ReceivedAt)?.TotalMilliseconds, (filled - s.ReceivedAt)?.TotalMilliseconds);
        return new(s.Id, s.RecorderId, s.ReceivedAt, s.AlertTime, s.DecidedAt, s.Dialect, s.Action, s.Ticker, s.Price, s.Quantity, s.Status,
            s.Reason, s.RawPayload, s.QuantityType, s.OrderType, s.LimitPrice, s.StopPrice, trail, intents.Select(i => i.Id).ToList());
    }

    public static Recorder ToRecorder(RecorderEntity r, string? webhookUrl = null) => new(r.Id, r.Name, r.RecordingEnabled,
        r.InitialPositionSize, r.AddPositionSize, r.TpUnits, r.TpTargets.Select(t => new TakeProfitTarget(t.Value, t.Trim)).ToList(),
        r.SlEnabled, r.SlAmount, r.SlUnits, r.TrailingEnabled, r.TrailingTrigger, r.TrailingDistance, r.BreakEvenAfterTp1, r.MaxEntriesPerDay,
        r.BlockReentryAfterClose, r.Accounts.Select(a => new AccountLink(a.AccountId, a.Multiplier)).ToList(), r.CreatedAt, r.UpdatedAt,
        r.TokenCreatedAt, r.PauseExitsOnDelayedData, r.SameSideSignal, r.Capital, webhookUrl);
}
