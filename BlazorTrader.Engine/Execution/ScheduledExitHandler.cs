using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution;

/// <summary>The time exit of a scheduled strategy, on the engine loop: closes exactly what its entry opened and its bracket did not.</summary>
internal sealed class ScheduledExitHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    IntentWriter writer,
    OrderSubmitter submitter,
    Protection.ProtectionKeeper protection,
    PriceCache prices,
    EngineEventHub events,
    TimeProvider time)
{
    /// <summary>The exit's source: the actor a trader sees on the order and in the live log.</summary>
    public const string TimeExit = "time exit";

    public async Task<ScheduledExitOutcome> CloseAsync(CloseScheduledEntry command, CancellationToken ct)
    {
        if (await writer.FindAsync(command.ExitKey, ct) is { } done)
            return new ScheduledExitOutcome(ScheduledExitStatus.Duplicate, done.Id, done.Quantity);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await db.OrderIntents.AsNoTracking().FirstOrDefaultAsync(i => i.IdempotencyKey == command.EntryKey, ct);
        if (entry is null) return new ScheduledExitOutcome(ScheduledExitStatus.NothingToClose, Reason: "no entry was placed today");

        string[] childKeys = [IntentWriter.BracketKey(entry.IdempotencyKey, "tp"), IntentWriter.BracketKey(entry.IdempotencyKey, "sl")];
        // Where the broker rests protection, the entry's stop and target are the protection keeper's GTC orders instead.
        var protective = Protection.ProtectionPlan.PositionPrefix(entry.AccountId, Protection.ProtectionPlan.OrderBracketId(entry.Id));
        var children = await db.OrderIntents.AsNoTracking().Where(i => i.AccountId == entry.AccountId
            && (childKeys.Contains(i.IdempotencyKey) || i.IdempotencyKey.StartsWith(protective))).ToListAsync(ct);

        // Nothing more may fill once we decide: the entry's rest and the bracket are cancelled first, the close waits for them.
        var stillOpen = children.Append(entry).Where(i => i.Status.IsOpen()).ToList();
        // Resting protection is cancelled like for any engine exit: the exit is held until each has ended (filled or
        // cancelled, as the broker says), then goes resized, so the stop filling meanwhile never leaves the account reversed.
        var resting = stillOpen.Where(i => i.Source == Protection.ProtectionKeeper.Source).Select(i => i.IdempotencyKey).ToList();
        var cancels = Task.WhenAll(stillOpen.Where(i => i.Source != Protection.ProtectionKeeper.Source).Select(i => submitter.CancelAsync(i.AccountId, i.IdempotencyKey)));

        var open = entry.FilledQuantity - children.Sum(c => c.FilledQuantity);
        // Never more than the account still holds on the entry's side: a flatten or a manual close since the entry
        // must not turn this exit into a new position the other way.
        var expected = await OrderRouter.ExpectedPositionAsync(db, entry.AccountId, entry.Ticker, ct);
        var held = entry.Action == OrderAction.Buy ? Math.Max(0, expected) : Math.Max(0, -expected);
        var closedElsewhere = open > 0 && held < open;
        open = Math.Min(open, held);
        if (open <= 0)
        {
            // Not awaited: a paper broker answers cancels on this very loop.
            return new ScheduledExitOutcome(ScheduledExitStatus.NothingToClose,
                Reason: entry.FilledQuantity == 0 ? "the entry did not fill; its order was cancelled"
                    : closedElsewhere ? "the account no longer holds the entry (closed or flattened since)" : "the bracket already closed the entry");
        }

        var written = await writer.InsertAsync(new OrderIntentEntity
        {
            IdempotencyKey = command.ExitKey, AccountId = entry.AccountId, Source = TimeExit, Ticker = entry.Ticker,
            Action = entry.Action == OrderAction.Buy ? OrderAction.Sell : OrderAction.Buy, Quantity = open, Type = OrderType.Market,
            ReferencePrice = prices.TryGet(entry.Ticker, out var last) ? last.Price : entry.AvgFillPrice, IsEntry = false,
            Reason = resting.Count > 0 ? Protection.ProtectionKeeper.HeldReason : null,
        }, ct);
        if (written.Duplicate) return new ScheduledExitOutcome(ScheduledExitStatus.Duplicate, written.Intent.Id, written.Intent.Quantity);
        if (resting.Count > 0) protection.CancelForExit(entry.AccountId, resting);
        else submitter.Submit(written.Intent, after: cancels);
        events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Info,
            $"{TimeExit}: {written.Intent.Action.ToString().ToLowerInvariant()} {open:0.####} {entry.Ticker} for account {entry.AccountId} ({command.ExitKey})"));
        return new ScheduledExitOutcome(ScheduledExitStatus.Accepted, written.Intent.Id, open);
    }
}
