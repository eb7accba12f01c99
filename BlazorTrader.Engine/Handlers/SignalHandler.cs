using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Risk;
using BlazorTrader.Engine.Signals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Handlers;

/// <summary>
/// Applies one webhook signal to the recorder's position, inside one transaction: the signal row
/// (whose UNIQUE idempotency key is the duplicate guard) and every position and trade change commit
/// together or not at all. Runs only on the engine loop.
/// </summary>
internal sealed class SignalHandler(
    IDbContextFactory<TradingDbContext> dbFactory,
    TradingBook book,
    InstrumentCatalog instruments,
    PriceCache prices,
    EngineEventHub events,
    LiveBookSync liveBook,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    Execution.RiskGate risk,
    Execution.OrderRouter router,
    Scheduling.Calendar.TradingCalendar calendar)
{
    /// <summary>
    /// Group commit: the signals queued together are decided one after the other on the book and committed in one
    /// transaction; each caller is answered once that commit is durable. If the group fails, the book is reloaded and
    /// each signal runs again on its own, so one bad signal costs only itself.
    /// </summary>
    public async Task HandleAsync(IReadOnlyList<ApplySignal> batch, Func<Task> reloadBook, CancellationToken ct)
    {
        IReadOnlyList<SignalOutcome> outcomes;
        try
        {
            outcomes = await ApplyAsync(batch, ct);
        }
        catch (Exception) when (batch.Count > 1 && !ct.IsCancellationRequested)
        {
            await reloadBook();
            foreach (var command in batch)
            {
                try
                {
                    command.Reply.TrySetResult((await ApplyAsync([command], ct))[0]);
                }
                catch (Exception ex)
                {
                    await reloadBook();
                    command.Reply.TrySetException(ex);
                }
            }
            return;
        }
        catch (Exception ex)
        {
            foreach (var command in batch) command.Reply.TrySetException(ex);
            throw;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Reply.TrySetResult(outcomes[i]);
    }

    /// <summary>One signal in its own transaction (a manual close); on failure the caller reloads the book.</summary>
    public async Task<SignalOutcome> HandleAsync(ApplySignal command, CancellationToken ct) => (await ApplyAsync([command], ct))[0];

    private async Task<IReadOnlyList<SignalOutcome>> ApplyAsync(IReadOnlyList<ApplySignal> batch, CancellationToken ct)
    {
        await using var journal = await Journal.BeginAsync(dbFactory, ReportAfterCommit, ct);
        var outcomes = new SignalOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            outcomes[i] = await ApplyOneAsync(journal, batch[i], ct);
            journal.Db.ChangeTracker.Clear();   // each signal saved its rows; the next one's save compares only its own
        }
        await journal.CommitAsync(ct);
        return outcomes;
    }

    private async Task<SignalOutcome> ApplyOneAsync(Journal journal, ApplySignal command, CancellationToken ct)
    {
        var db = journal.Db;
        var recorder = book.RecorderByTokenHash(command.TokenHash);
        if (recorder is null) return SignalOutcome.UnknownRecorder;

        var request = command.Signal;
        var payloadHash = SignalIdempotency.PayloadHash(command.RawPayload);
        var window = options.Value.DuplicateWindow;
        var key = SignalIdempotency.Key(recorder.Id, request, payloadHash, command.ReceivedAt, window);
        if (book.Signals.Find(key, recorder.Id, payloadHash, (command.ReceivedAt - window).UtcDateTime) is { } known)
            return Duplicate(recorder, request, known);

        var spec = instruments.SpecFor(request.Ticker);
        var symbol = request.Ticker.Symbol;

        decimal price;
        if (request.Price is { } p) price = spec.RoundToTick(p);
        else if (prices.TryGet(symbol, out var last)) price = last.Price;
        else if (!SignalDecider.MovesQuantity(request)) price = 0;   // breakeven and cancel need no price
        else return Reject(recorder, "price", $"price is missing and there is no market price for {symbol} yet; add \"price\": {{{{close}}}} to the alert");

        var position = book.OpenPosition(recorder.Id, symbol);
        if (position is not null) liveBook.CopyLiveFields(position);
        var decision = Decide(recorder, request, position.ToState(), price, spec);
        // A 400: nothing of this signal is kept, as for any invalid payload.
        if (decision.Rejection is { } rejection) return Reject(recorder, rejection.Field, rejection.Message);

        var now = time.GetUtcNow().UtcDateTime;
        var signal = NewSignalRow(recorder.Id, request, command, key, payloadHash);
        signal.DecidedAt = now;
        if (decision.IgnoreReason is { } ignored)
        {
            signal.Status = SignalStatus.Ignored;
            signal.Reason = ignored;
        }
        else if (decision.MoveStopsToEntry) signal.Price = price > 0 ? price : null;
        else (signal.Price, signal.Quantity) = (price, decision.Order!.Value.Quantity);

        // The book did not know the key (older than it remembers, or another instance recorded it): the index decides.
        if (!await journal.Rows.InsertUnlessExistsAsync(signal, nameof(SignalEntity.IdempotencyKey), ct))
            return Duplicate(recorder, request, await RecordedAsync(db, key, recorder.Id, command.ReceivedAt.UtcDateTime, ct));
        var remembered = book.Signals.Remember(key, payloadHash, new KnownSignal(signal.Id, recorder.Id, signal.ReceivedAt));

        if (decision.MoveStopsToEntry) return await MoveStopsToEntryAsync(journal, signal, recorder.Name, position!, ct);
        if (decision.IgnoreReason is not null) return Ignored(journal, signal, recorder, position);

        var (side, quantity) = decision.Order!.Value;
        var change = PositionMath.Apply(position.ToState(), side, quantity, price, spec);
        // Limits and the kill switch stop entries only: a denied flip still closes, a denied open or add is ignored.
        if (change.OpenedQuantity > 0 && await risk.DenyRecorderEntryAsync(db, recorder, symbol, change.After!.Value.Quantity, ct) is { } denied)
        {
            if (change.ClosedQuantity == 0)
            {
                (signal.Status, signal.Reason, signal.Price, signal.Quantity) = (SignalStatus.Ignored, $"blocked: {denied}", request.Price, request.Quantity);
                await journal.Rows.UpdateAsync(signal, ct);
                return Ignored(journal, signal, recorder, position);
            }
            change = PositionMath.Apply(position.ToState(), side, quantity = change.ClosedQuantity, price, spec);
            signal.Quantity = quantity;
            await journal.Rows.UpdateAsync(signal, ct);
        }
        var day = calendar.TradeDate(spec, time.GetUtcNow());   // a futures session from 18:00 ET counts on the next date
        var closedTrades = new List<TradeEntity>();
        var result = ApplyChange(recorder, request, symbol, spec, change, price, signal, position, closedTrades, now);
        await WriteChangeAsync(journal.Rows, position, result, change, ct);

        if (change.OpenedQuantity > 0) book.Today.Entered(recorder.Id, day);
        if (change.RealizedPnl != 0) book.Today.Realized(recorder.Id, day, change.RealizedPnl);
        if (change.Kind is PositionChangeKind.Closed or PositionChangeKind.Flipped) book.Today.Closed(recorder.Id, day, symbol);

        // Copy trading: the accounts' intents commit with the signal, so an accepted signal never lacks its orders.
        var intents = command.CopyToAccounts
            ? await router.StageFanOutAsync(journal, recorder, signal.IdempotencyKey, signal.Id, signal.Dialect == "manual" ? "close" : "webhook",
                symbol, change.After, price, ct)
            : [];
        remembered.IntentIds.AddRange(intents);

        // Everything of this signal is saved: the context lets go of the rows (so dropping closed trades from the book
        // below is not read as deleting them, and the next signal's save compares only its own rows). The book moves
        // now, so the next signal of this group decides on it; a failed commit reloads the book.
        db.ChangeTracker.Clear();
        if (position is not null) book.Settle(position);
        book.Settle(result);

        journal.AfterCommit(() =>
        {
            if (position is not null) liveBook.Rebuild(position);
            liveBook.Rebuild(result);
            Publish(signal, recorder.Name);
            if (position is not null && !ReferenceEquals(position, result)) events.Publish(new PositionChanged(time.GetUtcNow(), liveBook.Snapshot(position)));
            events.Publish(new PositionChanged(time.GetUtcNow(), liveBook.Snapshot(result)));
            foreach (var trade in closedTrades)
                events.Publish(new TradeClosed(time.GetUtcNow(), trade.Id, trade.RecorderId, trade.Ticker, trade.RealizedPnl, trade.ExitReason ?? ""));
        });
        return new SignalOutcome(SignalOutcomeStatus.Accepted, signal.Id, Position: result.ToSnapshot(), IntentIds: intents);
    }

    private SignalOutcome Ignored(Journal journal, SignalEntity signal, RecorderEntity recorder, PositionEntity? position)
    {
        journal.AfterCommit(() => Publish(signal, recorder.Name));
        return new SignalOutcome(SignalOutcomeStatus.Ignored, signal.Id, signal.Reason, Position: position?.ToSnapshot());
    }

    /// <summary>The signal the UNIQUE key already holds, with the orders it made (what a duplicate is answered with).</summary>
    private static async Task<KnownSignal> RecordedAsync(TradingDbContext db, string key, long recorderId, DateTime receivedAt, CancellationToken ct)
    {
        var first = await db.Signals.AsNoTracking().Where(s => s.IdempotencyKey == key).Select(s => s.Id).FirstAsync(ct);
        var ids = await db.OrderIntents.AsNoTracking().Where(i => i.SignalId == first && i.Source != "bracket").Select(i => i.Id).ToListAsync(ct);
        var found = new KnownSignal(first, recorderId, receivedAt);
        found.IntentIds.AddRange(ids);
        return found;
    }

    private static SignalDecision Decide(RecorderEntity recorder, SignalRequest request, PositionState? current, decimal price, ContractSpec spec) =>
        recorder.RecordingEnabled
            ? SignalDecider.Decide(new SignalContext(recorder.ToSettings(), request, current, price, spec))
            : SignalDecision.Ignore("recording is disabled for this recorder");

    /// <summary>breakeven: every open trade of the position gets its stop at its own entry price.</summary>
    private async Task<SignalOutcome> MoveStopsToEntryAsync(Journal journal, SignalEntity signal, string recorderName, PositionEntity position,
        CancellationToken ct)
    {
        foreach (var trade in position.Trades)
        {
            trade.SlPrice = trade.EntryPrice;
            trade.SlKind = nameof(StopKind.BreakEvenStop);
            await journal.Rows.UpdateAsync(trade, ct);
        }
        journal.AfterCommit(() =>
        {
            liveBook.Rebuild(position);   // the tick path must see the moved stops
            Publish(signal, recorderName);
            events.Publish(new PositionChanged(time.GetUtcNow(), liveBook.Snapshot(position)));
        });
        return new SignalOutcome(SignalOutcomeStatus.Accepted, signal.Id, $"stops of {position.Trades.Count} open trade(s) moved to entry",
            Position: position.ToSnapshot(), IntentIds: []);
    }

    /// <summary>Writes a position change into the entities; returns the position the trader now looks at.</summary>
    private static PositionEntity ApplyChange(RecorderEntity recorder, SignalRequest request, string symbol, ContractSpec spec,
        PositionChange change, decimal price, SignalEntity signal, PositionEntity? position, List<TradeEntity> closedTrades, DateTime now)
    {
        if (position is not null && change.ClosedQuantity > 0)
        {
            var reason = change.Kind == PositionChangeKind.Flipped ? "reversed by signal" : $"signal {signal.Action}";
            TradeExits.Fifo(position, change.ClosedQuantity, price, spec, reason, now, closedTrades);
            position.RealizedPnl += change.RealizedPnl;
            position.CurrentPrice = price;
        }

        if (position is not null && change.Kind is PositionChangeKind.Closed or PositionChangeKind.Flipped)
        {
            position.Status = TradeStatus.Closed;
            position.ClosedAt = now;
            position.UnrealizedPnl = 0;
        }

        var target = position;
        if (change.Kind is PositionChangeKind.Opened or PositionChangeKind.Flipped)
        {
            target = new PositionEntity
            {
                RecorderId = recorder.Id, Ticker = symbol, Side = change.After!.Value.Side.ToApi(),
                Status = TradeStatus.Open, OpenedAt = now,
            };
        }

        if (change.After is { } after)
        {
            target!.TotalQuantity = after.Quantity;
            target.AvgEntryPrice = after.AverageEntry;
            target.CurrentPrice = price;
            target.UnrealizedPnl = PositionMath.Unrealized(after, price, spec);
            target.WorstUnrealizedPnl = Math.Min(target.WorstUnrealizedPnl, target.UnrealizedPnl);
            target.BestUnrealizedPnl = Math.Max(target.BestUnrealizedPnl, target.UnrealizedPnl);
        }

        if (change.OpenedQuantity > 0)
            target!.Trades.Add(NewTrade(recorder, request, symbol, spec, change.After!.Value.Side, change.OpenedQuantity, price, signal.Id, now));
        return target!;
    }

    /// <summary>
    /// The rows the change touched: the position it closed or changed (with its trades when some were exited), the position
    /// it opened, and the new entry's trade.
    /// </summary>
    private static async Task WriteChangeAsync(RowWriter rows, PositionEntity? position, PositionEntity result, PositionChange change,
        CancellationToken ct)
    {
        if (position is not null)
        {
            await rows.UpdateAsync(position, ct);
            if (change.ClosedQuantity > 0)
                foreach (var trade in position.Trades)
                    await rows.UpdateAsync(trade, ct);
        }
        if (result.Id == 0) await rows.InsertAsync(result, ct);
        if (change.OpenedQuantity > 0)
        {
            var entry = result.Trades[^1];
            entry.PositionId = result.Id;
            await rows.InsertAsync(entry, ct);
        }
    }

    private static TradeEntity NewTrade(RecorderEntity recorder, SignalRequest request, string symbol, ContractSpec spec, Side side, decimal quantity,
        decimal price, long signalId, DateTime now)
    {
        var levels = ExitLevels.For(recorder.ToSettings(), spec, side, price, request.TakeProfit, request.StopLoss);
        return new TradeEntity
        {
            RecorderId = recorder.Id, SignalId = signalId, Ticker = symbol, Side = side.ToApi(),
            Quantity = quantity, OpenQuantity = quantity, EntryPrice = price, SlPrice = levels.StopLoss,
            TpTargets = levels.TakeProfits.Select(t => new TpTargetState { Price = t.Price, Trim = t.Trim }).ToList(),
            Status = TradeStatus.Open, OpenedAt = now,
        };
    }

    private static SignalEntity NewSignalRow(long recorderId, SignalRequest request, ApplySignal command, string key, string payloadHash) => new()
    {
        RecorderId = recorderId,
        ReceivedAt = command.ReceivedAt.UtcDateTime,
        AlertTime = request.AlertTime?.UtcDateTime,
        Dialect = request.Dialect,
        Action = request.Target is { } t ? $"target {(t.Side?.ToApi() ?? "flat")} {t.Size}" : request.Action.ToString().ToLowerInvariant()
            + (request.Sentiment is { } sentiment ? $" {sentiment.ToString().ToLowerInvariant()}" : ""),
        Ticker = request.Ticker.Symbol,
        Price = request.Price,
        Quantity = request.Quantity,
        QuantityType = request.QuantityType == QuantityType.FixedQuantity ? null : QuantitySizer.Name(request.QuantityType),
        OrderType = request.Order?.Type.ToApi(),
        LimitPrice = request.Order?.LimitPrice,
        StopPrice = request.Order?.StopPrice,
        Status = SignalStatus.Accepted,
        RawPayload = command.RawPayload,
        IdempotencyKey = key,
        PayloadHash = payloadHash,
    };

    private SignalOutcome Duplicate(RecorderEntity recorder, SignalRequest request, KnownSignal first)
    {
        Log(EngineLogLevel.Warning, $"{recorder.Name}: duplicate {request.Action} {request.Ticker.Symbol} blocked (first signal {first.Id})", recorder.Id);
        return new SignalOutcome(SignalOutcomeStatus.Duplicate, first.Id, "an identical signal was already processed", IntentIds: [.. first.IntentIds]);
    }

    private void ReportAfterCommit(Exception ex) => Log(EngineLogLevel.Error, $"After a committed signal: {ex.Message}", null);

    private SignalOutcome Reject(RecorderEntity recorder, string field, string reason)
    {
        Log(EngineLogLevel.Warning, $"{recorder.Name}: signal rejected: {reason}", recorder.Id);
        return SignalOutcome.Rejected(field, reason);
    }

    private void Publish(SignalEntity signal, string recorderName)
    {
        var now = time.GetUtcNow();
        events.Publish(new SignalRecorded(now, signal.Id, signal.RecorderId, signal.Ticker, signal.Action, signal.Status, signal.Reason));
        var text = signal.Status == SignalStatus.Accepted
            ? $"{recorderName}: {signal.Action} {signal.Quantity:0.####} {signal.Ticker} @ {signal.Price:0.########}"
            : $"{recorderName}: {signal.Action} {signal.Ticker} ignored: {signal.Reason}";
        Log(EngineLogLevel.Info, text, signal.RecorderId);
    }

    private void Log(EngineLogLevel level, string message, long? recorderId) =>
        events.Publish(new LogEntry(time.GetUtcNow(), level, message, recorderId));
}
