using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Execution.Paper;
using BlazorTrader.Engine.Execution.SpxCalendarTrading;
using BlazorTrader.Engine.Execution.Tradovate;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution;

/// <summary>The engine loop's entry into execution: start-up (accounts, brokers, reconciliation) and every <see cref="IExecutionCommand"/>.</summary>
internal sealed class ExecutionDispatcher(
    IDbContextFactory<TradingDbContext> dbFactory,
    AccountHandler accounts,
    BrokerRegistry brokers,
    KillSwitch killSwitch,
    Reconciler reconciler,
    IntentUpdater intents,
    ManualTradingHandler manual,
    FlattenHandler flatten,
    Handlers.PositionRoller roller,
    ScheduledExitHandler scheduledExits,
    AccountFollower follower,
    Protection.ProtectionKeeper protection,
    PaperVenue paper,
    TradovateOAuth tradovateOAuth,
    SpxCalendarHandler spxCalendar,
    GapAndGo.GapAndGoHandler gapAndGo,
    EngineEventHub events,
    TimeProvider time)
{
    private bool _startedBefore;

    /// <summary>
    /// Runs before the loop reads commands: nothing else writes yet, and no order goes out before reconciliation.
    /// When the supervisor restarts the loop in the same process, submissions may still be in flight: only intents
    /// older than a submission's timeout are reconciled then.
    /// </summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await accounts.EnsureDefaultAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await killSwitch.LoadAsync(db, ct);
        await brokers.SyncAsync(db, ct);
        await reconciler.ReconcileAsync(_startedBefore ? OrderSubmitter.SubmitTimeout * 2 : null, ct);
        // Then every copy-traded account is brought back to its recorders (exits always, young entries only).
        await follower.FollowAsync(null, entriesAllowed: false, ct);
        // Brokers connected by now have their protection checked; the others on their connect (BrokerRegistry).
        await protection.CheckAsync(null, ct);
        // Calendars move on from what their orders did meanwhile (a fill before a crash gets its target, once).
        await spxCalendar.ResumeAsync(ct);
        _startedBefore = true;
    }

    /// <summary>On the engine's heartbeat: protective orders follow stops the recorder moved (break-even, trailing).</summary>
    public Task OnHeartbeatAsync(CancellationToken ct) => protection.OnHeartbeatAsync(ct);

    public Task HandleAsync(IExecutionCommand command, CancellationToken ct) => command switch
    {
        PlaceOrder c => c.AnswerAsync(() => manual.PlaceAsync(c, ct)),
        ClosePosition c => c.AnswerAsync(() => flatten.CloseAsync(c, ct)),
        CloseAccountPosition c => c.AnswerAsync(() => flatten.CloseAccountAsync(c, ct)),
        RollPosition c => c.AnswerAsync(() => roller.RollAsync(c, ct)),
        CancelOrder c => c.AnswerAsync(() => flatten.CancelAsync(c, ct)),
        FlattenAll c => c.AnswerAsync(() => flatten.FlattenAsync(c, ct)),
        CloseScheduledEntry c => c.AnswerAsync(() => scheduledExits.CloseAsync(c, ct)),
        SetKillSwitch c => c.AnswerAsync(() => manual.SetKillSwitchAsync(c, ct)),
        SetRecorderLimits c => c.AnswerAsync(() => manual.SetRecorderLimitsAsync(c, ct)),
        CreateAccount c => c.AnswerAsync(() => accounts.CreateAsync(c, ct)),
        UpdateAccount c => c.AnswerAsync(() => accounts.UpdateAsync(c, ct)),
        DeleteAccount c => c.AnswerAsync(() => accounts.DeleteAsync(c, ct)),
        ReconcileOrders c => c.AnswerAsync(() => reconciler.ReconcileAsync(c.MinimumAge, ct)),
        SyncAccountToRecorders c => c.AnswerAsync(() => follower.FollowAsync(c.AccountId, entriesAllowed: true, ct)),
        IBrokerReport c => HandleReportsAsync([c], ct),
        BrokerModifyRefused c => protection.OnModifyRefusedAsync(c, ct),
        CheckProtection c => c.AnswerAsync(() => protection.CheckAsync(c.AccountId, ct)),
        StartBrokerOAuth c => c.AnswerAsync(() => tradovateOAuth.StartAsync(c, ct)),
        CompleteBrokerOAuth c => tradovateOAuth.BeginCompleteAsync(c, ct),
        TradovateTokenReceived c => tradovateOAuth.StoreAsync(c, ct),
        TradovateTokenRenewed c => tradovateOAuth.StoreRenewedAsync(c, ct),
        ISpxCalendarCommand c => spxCalendar.HandleAsync(c, ct),
        IGapAndGoCommand c => gapAndGo.HandleAsync(c, ct),
        _ => throw new InvalidOperationException($"No execution handler for {command.GetType().Name}"),
    };

    /// <summary>
    /// Group commit of broker reports: what the brokers and the paper venue reported, queued together, is booked in one
    /// transaction (without a sync to disk of its own: <see cref="CommitDurability"/>). Only once it is committed are the
    /// venue's answers given and its reports raised, and does what follows from the reports run, outside that transaction:
    /// protective orders placed, a strategy's next order (they send orders, so their intents commit at full durability).
    /// If the group fails, nothing of it was committed and each report is booked again on its own, so one bad report
    /// costs only itself; the first failure is thrown once the others are done.
    /// </summary>
    public async Task HandleReportsAsync(IReadOnlyList<IBrokerReport> batch, CancellationToken ct)
    {
        foreach (var report in batch)
            if (report is PaperFillDue due && brokers.TryPaper(due.AccountId, out var broker)) broker.FillDueTaken();
        var followUps = new List<Func<Task>>();
        Exception? failed = null;
        try
        {
            await BookTogetherAsync(batch, followUps, ct);
        }
        catch (Exception) when (batch.Count > 1 && !ct.IsCancellationRequested)
        {
            followUps.Clear();
            foreach (var report in batch)
            {
                var own = new List<Func<Task>>();
                try
                {
                    await BookTogetherAsync([report], own, ct);
                    followUps.AddRange(own);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    (report as IEngineRequest)?.Fail(ex);
                    failed ??= ex;
                }
            }
        }
        catch (Exception ex) when (batch is [IEngineRequest request])
        {
            request.Fail(ex);
            throw;
        }
        foreach (var followUp in followUps)
        {
            try { await followUp(); }
            catch (Exception ex) when (ex is not OperationCanceledException) { failed ??= ex; }   // the others still run
        }
        if (failed is not null) throw failed;
    }

    private async Task BookTogetherAsync(IReadOnlyList<IBrokerReport> batch, List<Func<Task>> followUps, CancellationToken ct) =>
        await CommitDurability.BrokerReportAsync(async () =>
        {
            await using var journal = await Journal.BeginAsync(dbFactory, ReportAfterCommit, ct, savepoints: false);
            foreach (var report in batch)
            {
                await BookAsync(journal, report, followUps, ct);
                // Each report's rows are written before the next one reads: the tracker starts empty again, so change
                // detection costs one report's rows, not the whole group's.
                await journal.Db.SaveChangesAsync(ct);
                journal.Db.ChangeTracker.Clear();
            }
            await journal.CommitAsync(ct);
        });

    private async Task BookAsync(Journal journal, IBrokerReport report, List<Func<Task>> followUps, CancellationToken ct)
    {
        switch (report)
        {
            case BrokerSubmissionCompleted c:
                Protect(await intents.OnSubmissionCompletedAsync(journal, c, ct));
                break;
            case BrokerOrderUpdated c:
                Protect(await intents.OnOrderUpdatedAsync(journal, c.Report, ct));
                followUps.Add(() => gapAndGo.OnOrderUpdatedAsync(c.Report, ct));   // a gap-and-go entry's fill gets its bracket
                break;
            case BrokerExecutionReceived c:
                await intents.OnExecutionAsync(journal, c, ct);
                break;
            case PaperOrderReceived c:
                Answer(c, await paper.AcceptAsync(journal, c, ct));
                break;
            case PaperCancelReceived c:
                Answer(c, await paper.CancelAsync(journal, c, ct));
                break;
            case PaperModifyReceived c:
                Answer(c, await paper.ModifyAsync(journal, c, ct));
                break;
            case PaperFillDue c:
                await paper.EvaluateAsync(journal, c, ct);
                break;
            default:
                throw new InvalidOperationException($"No broker report handler for {report.GetType().Name}");
        }

        // Every change of an account's order may change what must rest at its broker (fills, cancels, rejections).
        void Protect(Persistence.Entities.OrderIntentEntity? intent)
        {
            if (intent is not null) followUps.Add(() => protection.AfterIntentChangedAsync(intent.AccountId, intent.Ticker, ct));
        }

        void Answer<T>(EngineRequest<T> request, T answer) => journal.AfterCommit(() => request.Reply.TrySetResult(answer));
    }

    private void ReportAfterCommit(Exception ex) =>
        events.Publish(new LogEntry(time.GetUtcNow(), EngineLogLevel.Error, $"After booking broker reports: {ex.Message}"));
}

