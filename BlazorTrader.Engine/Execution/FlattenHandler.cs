using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Handlers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Signals;
using Microsoft.EntityFrameworkCore;
using OrderType = BlazorTrader.Engine.Commands.OrderType;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// Closing one recorder position and flattening everything. Closing goes through the signal path (a "close"
/// signal keyed by the request id) so the recorder's trades, P&amp;L and copy trading behave as for a webhook.
/// Flatten cancels every open order first, then closes every account's booked position and every recorder position.
/// </summary>
internal sealed class FlattenHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    SignalHandler signals,
    IntentWriter writer,
    OrderSubmitter submitter,
    InstrumentCatalog instruments,
    PriceCache prices,
    EngineEventHub events,
    TimeProvider time)
{
    public async Task<ClosePositionOutcome> CloseAsync(ClosePosition command, CancellationToken ct)
    {
        var outcome = await CloseRecorderPositionAsync(command.PositionId, $"close:{command.RequestId}", copyToAccounts: true, ct);
        return outcome;
    }

    public async Task<FlattenOutcome> FlattenAsync(FlattenAll command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = $"flatten:{command.IdempotencyKey}";
        if (await db.AuditLog.AnyAsync(a => a.Category == "flatten" && a.Message.StartsWith(key + " "), ct))
            return new FlattenOutcome(true, 0, 0, []);
        var now = time.GetUtcNow();

        // 1. Every open order, every account: cancels go first and closing orders wait for them.
        bool Selected(string symbol) => command.Kind is not { } kind || instruments.SpecFor(symbol).Kind == kind;
        var open = (await db.OrderIntents.AsNoTracking().Where(i => i.Status == OrderIntentStatus.Pending || i.Status == OrderIntentStatus.Submitted
            || i.Status == OrderIntentStatus.PartiallyFilled).ToListAsync(ct)).Where(i => Selected(i.Ticker)).ToList();
        var cancels = Task.WhenAll(open.Select(i => submitter.CancelAsync(i.AccountId, i.IdempotencyKey)));

        // 2. Each account's booked position, closed at market.
        var ids = new List<long>();
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.Enabled).Select(a => a.Id).ToListAsync(ct);
        foreach (var position in await db.AccountPositions.AsNoTracking().Where(p => accounts.Contains(p.AccountId) && p.Quantity != 0).ToListAsync(ct))
        {
            if (!Selected(position.Symbol)) continue;
            var written = await writer.InsertAsync(new OrderIntentEntity
            {
                IdempotencyKey = $"{key}:acct:{position.AccountId}:{position.Symbol}", AccountId = position.AccountId, Source = "flatten",
                Ticker = position.Symbol, Action = position.Quantity > 0 ? OrderAction.Sell : OrderAction.Buy, Quantity = Math.Abs(position.Quantity),
                Type = OrderType.Market, ReferencePrice = position.AvgPrice,
            }, ct);
            if (!written.Duplicate) submitter.Submit(written.Intent, after: cancels);
            ids.Add(written.Intent.Id);
        }

        // 3. Recorder (virtual) positions; their accounts were flattened directly above.
        var closed = 0;
        var recorderPositions = await db.Positions.AsNoTracking().Where(p => p.Status == TradeStatus.Open).Select(p => new { p.Id, p.Ticker }).ToListAsync(ct);
        foreach (var id in recorderPositions.Where(p => Selected(p.Ticker)).Select(p => p.Id))
        {
            var outcome = await CloseRecorderPositionAsync(id, key, copyToAccounts: false, ct);
            if (outcome.Status == ClosePositionStatus.Accepted) closed++;
        }
        // The "done" mark goes last: a flatten that failed half-way is run again by a retry (every step above is keyed).
        db.AuditLog.Add(new AuditLogEntry { At = now.UtcDateTime, Category = "flatten", Message = $"{key} {command.Reason}" });
        await db.SaveChangesAsync(ct);
        events.Publish(new LogEntry(now, EngineLogLevel.Warning, $"Flatten ({command.Reason}): {open.Count} order(s) cancelled, {ids.Count} account position(s) and {closed} recorder position(s) closed"));
        return new FlattenOutcome(false, open.Count, closed, ids);
    }

    private async Task<ClosePositionOutcome> CloseRecorderPositionAsync(long positionId, string requestKey, bool copyToAccounts, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var position = await db.Positions.AsNoTracking().FirstOrDefaultAsync(p => p.Id == positionId, ct);
        if (position is null) return new ClosePositionOutcome(ClosePositionStatus.NotFound, Reason: $"there is no position {positionId}");
        var recorder = await db.Recorders.AsNoTracking().FirstAsync(r => r.Id == position.RecorderId, ct);
        if (!instruments.TryParse(position.Ticker, out var ticker, out var error))
            return new ClosePositionOutcome(ClosePositionStatus.NotFound, Reason: error);
        var price = prices.TryGet(position.Ticker, out var last) ? last.Price : position.CurrentPrice ?? position.AvgEntryPrice;

        // A fixed alert time makes the signal key depend on the request id only: a repeat is a duplicate, even after the close.
        var request = new SignalRequest("manual", SignalAction.Close, ticker, price, null, $"{requestKey}:pos:{positionId}", null, "manual close",
            DateTimeOffset.UnixEpoch);
        var key = SignalIdempotency.Key(recorder.Id, request, "", DateTimeOffset.UnixEpoch, TimeSpan.Zero);
        if (await db.Signals.AsNoTracking().FirstOrDefaultAsync(s => s.IdempotencyKey == key, ct) is { } done)
        {
            var ids = await db.OrderIntents.AsNoTracking().Where(i => i.SignalId == done.Id).Select(i => i.Id).ToListAsync(ct);
            return new ClosePositionOutcome(ClosePositionStatus.Duplicate, done.Id, ids);
        }
        if (position.Status != TradeStatus.Open) return new ClosePositionOutcome(ClosePositionStatus.AlreadyClosed, Reason: "the position is already closed");
        var raw = $$"""{"action":"close","ticker":"{{position.Ticker}}","price":{{price}},"id":"{{requestKey}}"}""";
        var outcome = await signals.HandleAsync(new ApplySignal(recorder.WebhookTokenHash, request, raw, time.GetUtcNow()) { CopyToAccounts = copyToAccounts }, ct);
        return outcome.Status switch
        {
            SignalOutcomeStatus.Accepted => new ClosePositionOutcome(ClosePositionStatus.Accepted, outcome.SignalId, outcome.IntentIds),
            SignalOutcomeStatus.Duplicate => new ClosePositionOutcome(ClosePositionStatus.Duplicate, outcome.SignalId, outcome.IntentIds),
            _ => new ClosePositionOutcome(ClosePositionStatus.AlreadyClosed, outcome.SignalId, Reason: outcome.Reason),
        };
    }
}
