using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.Protection;

/// <summary>
/// The bounded wait of an engine exit held for the account's protective orders: when the broker has not confirmed their
/// cancels within <see cref="HeldExitPatience"/>, the keeper alerts, asks the broker, sends the cancels again for what still
/// rests, and marks as ended what the broker no longer has (neither open nor filled), which releases the exit. It never sends
/// the exit while a protective order may still fill: a fill the app has not booked yet keeps it waiting (and alerting).
/// </summary>
internal sealed partial class ProtectionKeeper
{
    public static readonly TimeSpan HeldExitPatience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HeldCheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>When each held account symbol was last verified with its broker.</summary>
    private readonly Dictionary<(long AccountId, string Symbol), DateTimeOffset> _heldVerified = [];
    private DateTimeOffset _lastHeldCheck;

    private async Task WatchHeldExitsAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (now - _lastHeldCheck < HeldCheckInterval) return;
        _lastHeldCheck = now;
        List<(long AccountId, string Symbol)> held;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var since = (now - HeldExitPatience).UtcDateTime;
            held = [.. (await db.OrderIntents.AsNoTracking().Where(i => i.Status == OrderIntentStatus.Pending && i.Reason == HeldReason && i.UpdatedAt <= since)
                .Select(i => new { i.AccountId, i.Ticker }).Distinct().ToListAsync(ct)).Select(x => (x.AccountId, x.Ticker))];
        }
        foreach (var gone in _heldVerified.Keys.Except(held).ToList()) _heldVerified.Remove(gone);
        foreach (var key in held)
        {
            if (_heldVerified.TryGetValue(key, out var last) && now - last < HeldExitPatience) continue;
            _heldVerified[key] = now;
            await VerifyHeldAsync(key.AccountId, key.Symbol, now, ct);
        }
    }

    private async Task VerifyHeldAsync(long accountId, string symbol, DateTimeOffset now, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var resting = await Open(db.OrderIntents, accountId, symbol).Where(i => i.Source == Source).ToListAsync(ct);
            if (resting.Count > 0 && !await SettleWithBrokerAsync(db, accountId, symbol, resting, now, ct)) return;
        }
        await ReleaseHeldExitsAsync(accountId, symbol, ct);
    }

    /// <returns>True when none of <paramref name="resting"/> can fill any more (the exit may go).</returns>
    private async Task<bool> SettleWithBrokerAsync(Persistence.TradingDbContext db, long accountId, string symbol, List<OrderIntentEntity> resting,
        DateTimeOffset now, CancellationToken ct)
    {
        var keys = string.Join(", ", resting.Select(i => i.IdempotencyKey));
        IReadOnlyList<BrokerOrder> open;
        IReadOnlyList<BrokerExecution> fills;
        try
        {
            if (!brokers.TryGet(accountId, out var broker)) throw new InvalidOperationException("the account has no broker");
            open = await broker.GetOpenOrdersAsync(ct);
            fills = await broker.GetExecutionsAsync(resting.Min(i => i.CreatedAt).AddDays(-1), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Report(db, now, $"Account {accountId} {symbol}: the engine's exit has waited over {HeldExitPatience.TotalSeconds:0} s for the cancels of {keys}; " +
                $"the broker could not be asked ({ex.Message}); the exit stays held", true);
            await db.SaveChangesAsync(ct);
            return false;
        }
        var alive = resting.Where(i => open.Any(o => o.ClientOrderRef == i.IdempotencyKey)).ToList();
        var unbooked = resting.Where(i => fills.Any(e => e.ClientOrderRef == i.IdempotencyKey)).ToList();
        foreach (var dead in resting.Except(alive).Except(unbooked))
        {
            dead.Status = OrderIntentLifecycle.Next(dead.Status, OrderIntentEvent.Cancelled);
            dead.Reason = "gone at the broker: the cancel was never confirmed, and it is neither open nor filled there";
            dead.CompletedAt = dead.UpdatedAt = now.UtcDateTime;
        }
        if (alive.Count > 0) CancelForExit(accountId, [.. alive.Select(i => i.IdempotencyKey)]);
        var waiting = alive.Concat(unbooked).ToList();
        Report(db, now, waiting.Count == 0
            ? $"Account {accountId} {symbol}: the broker never confirmed the cancels of {keys}, and no longer has them; the engine's exit goes now"
            : $"Account {accountId} {symbol}: the engine's exit has waited over {HeldExitPatience.TotalSeconds:0} s; " +
              $"{string.Join(", ", waiting.Select(i => i.IdempotencyKey))} {(alive.Count > 0 ? "still rest at the broker (cancel sent again)" : "filled there, not booked yet")}; " +
              "the exit goes once they have ended", true);
        await db.SaveChangesAsync(ct);
        return waiting.Count == 0;
    }
}
