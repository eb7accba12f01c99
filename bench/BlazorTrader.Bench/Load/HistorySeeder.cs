using System.Diagnostics;
using System.Globalization;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Signals;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Bench.Load;

/// <summary>
/// Writes a long history straight into the app's SQLite file (the app stopped, its schema already migrated), through
/// the engine's own EF Core model so every row has the shape the app writes: per closed trade an entry and an exit
/// signal, a closed position and the trade; the rest of the signals ignored (what a recorder logs when a signal changes
/// nothing). Spread over the 200 days before today, so nothing counts toward today's limits.
/// </summary>
internal static class HistorySeeder
{
    public static async Task<TimeSpan> SeedAsync(string databasePath, WebhookTarget target, int signals, int trades, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var options = new DbContextOptionsBuilder<TradingDbContext>().UseSqlite($"Data Source={databasePath};Default Timeout=30").Options;
        var end = DateTime.UtcNow.Date.AddDays(-1).AddHours(20);
        var span = TimeSpan.FromDays(200);
        var ignored = signals - 2 * trades;
        if (ignored < 0) throw new ArgumentException("need at least two signals per trade", nameof(signals));
        const int batch = 5_000;
        var n = 0;
        // One connection and one transaction for all of it: the seed is a set-up step, not what is measured.
        await using var db = new TradingDbContext(options);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF", ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var done = 0; done < trades; done += batch)
        {
            db.ChangeTracker.Clear();
            var count = Math.Min(batch, trades - done);
            var entries = new SignalEntity[count];
            var exits = new SignalEntity[count];
            for (var i = 0; i < count; i++)
            {
                var at = end - span + span * ((done + i) / (double)trades);
                entries[i] = Signal(target, n++, "buy", at, SignalStatus.Accepted, null);
                exits[i] = Signal(target, n++, "sell", at.AddMinutes(7), SignalStatus.Accepted, null);
            }
            db.Signals.AddRange(entries);
            db.Signals.AddRange(exits);
            // Ignored signals interleaved with the trades, in proportion.
            var ignoredHere = (int)((long)ignored * (done + count) / trades - (long)ignored * done / trades);
            for (var i = 0; i < ignoredHere; i++)
            {
                var at = end - span + span * ((done + i * (double)count / Math.Max(ignoredHere, 1)) / trades);
                db.Signals.Add(Signal(target, n++, "sell", at.AddMinutes(3), SignalStatus.Ignored, "sell with sentiment flat: there is no position to close"));
            }
            await db.SaveChangesAsync(ct);

            for (var i = 0; i < count; i++)
            {
                var e = entries[i];
                var x = exits[i];
                var pnl = (i % 3 == 0 ? -4m : 6m) * 2m;
                var position = new PositionEntity
                {
                    RecorderId = target.RecorderId, Ticker = target.Ticker, Side = "long", TotalQuantity = 0, AvgEntryPrice = target.Price,
                    CurrentPrice = target.Price + pnl / 2m, RealizedPnl = pnl, WorstUnrealizedPnl = -8m, BestUnrealizedPnl = 14m,
                    Status = TradeStatus.Closed, OpenedAt = e.ReceivedAt, ClosedAt = x.ReceivedAt,
                };
                position.Trades.Add(new TradeEntity
                {
                    RecorderId = target.RecorderId, SignalId = e.Id, Ticker = target.Ticker, Side = "long", Quantity = 1, OpenQuantity = 0,
                    EntryPrice = target.Price, ExitPrice = target.Price + pnl / 2m, ExitReason = "signal", RealizedPnl = pnl, Mfe = 14m, Mae = -8m,
                    Status = TradeStatus.Closed, OpenedAt = e.ReceivedAt, ClosedAt = x.ReceivedAt, DecisionDataMode = "realtime",
                });
                db.Positions.Add(position);
            }
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return Stopwatch.GetElapsedTime(started);
    }

    private static SignalEntity Signal(WebhookTarget target, int n, string action, DateTime at, string status, string? reason)
    {
        var id = $"hist-{n:D7}";
        var body = $$"""{"action":"{{action}}","ticker":"{{target.Ticker}}","price":{{target.Price.ToString(CultureInfo.InvariantCulture)}},"quantity":1,"id":"{{id}}","time":"{{at:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}"}""";
        return new SignalEntity
        {
            RecorderId = target.RecorderId, ReceivedAt = at.AddMilliseconds(180), AlertTime = at, DecidedAt = at.AddMilliseconds(183),
            Dialect = "native", Action = action, Ticker = target.Ticker, Price = target.Price, Quantity = 1, Status = status, Reason = reason,
            RawPayload = body, IdempotencyKey = $"wh:{target.RecorderId}:id:{id}:{at.Ticks}", PayloadHash = SignalIdempotency.PayloadHash(body),
        };
    }
}
