using BlazorTrader.Engine.Commands;
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
    GapAndGo.GapAndGoHandler gapAndGo)
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
        BrokerSubmissionCompleted c => ThenProtectAsync(Reported(() => intents.OnSubmissionCompletedAsync(c, ct)), ct),
        BrokerOrderUpdated c => OnOrderUpdatedAsync(c.Report, ct),
        BrokerModifyRefused c => protection.OnModifyRefusedAsync(c, ct),
        CheckProtection c => c.AnswerAsync(() => protection.CheckAsync(c.AccountId, ct)),
        BrokerExecutionReceived c => Reported(() => intents.OnExecutionAsync(c, ct)),
        PaperOrderReceived c => c.AnswerAsync(() => Reported(() => paper.AcceptAsync(c, ct))),
        PaperCancelReceived c => c.AnswerAsync(() => Reported(() => paper.CancelAsync(c, ct))),
        PaperModifyReceived c => c.AnswerAsync(() => Reported(() => paper.ModifyAsync(c, ct))),
        PaperFillDue c => Reported(() => paper.EvaluateAsync(c, ct)),
        StartBrokerOAuth c => c.AnswerAsync(() => tradovateOAuth.StartAsync(c, ct)),
        CompleteBrokerOAuth c => tradovateOAuth.BeginCompleteAsync(c, ct),
        TradovateTokenReceived c => tradovateOAuth.StoreAsync(c, ct),
        TradovateTokenRenewed c => tradovateOAuth.StoreRenewedAsync(c, ct),
        ISpxCalendarCommand c => spxCalendar.HandleAsync(c, ct),
        IGapAndGoCommand c => gapAndGo.HandleAsync(c, ct),
        _ => throw new InvalidOperationException($"No execution handler for {command.GetType().Name}"),
    };

    // What the broker reported is booked without a sync to disk of its own (CommitDurability); what follows from it
    // (protective orders placed, a strategy's next order) is not: it runs outside these steps.
    private static Task<T> Reported<T>(Func<Task<T>> step) => CommitDurability.BrokerReportAsync(step);

    private static Task Reported(Func<Task> step) => CommitDurability.BrokerReportAsync(step);

    /// <summary>Every change of an account's order may change what must rest at its broker (fills, cancels, rejections).</summary>
    private async Task ThenProtectAsync(Task<Persistence.Entities.OrderIntentEntity?> update, CancellationToken ct)
    {
        if (await update is { } intent) await protection.AfterIntentChangedAsync(intent.AccountId, intent.Ticker, ct);
    }

    /// <summary>The intent and what rests at the broker first; then the strategies that act on fills (a gap-and-go entry gets its bracket).</summary>
    private async Task OnOrderUpdatedAsync(OrderStatusReported report, CancellationToken ct)
    {
        await ThenProtectAsync(Reported(() => intents.OnOrderUpdatedAsync(report, ct)), ct);
        await gapAndGo.OnOrderUpdatedAsync(report, ct);
    }

}
