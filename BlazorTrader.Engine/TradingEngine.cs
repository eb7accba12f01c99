using System.Threading.Channels;
using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Cluster;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Handlers;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Risk;
using Microsoft.EntityFrameworkCore;
using BlazorTrader.Engine.Supervision;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine;

/// <summary>Sends commands to the engine. The only door to trading state.</summary>
public interface ITradingEngine
{
    /// <summary>True once the engine has loaded its state and is reading commands.</summary>
    bool IsReady { get; }

    /// <summary>Queues a request and awaits its answer; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    Task<TResult> SendAsync<TResult>(EngineRequest<TResult> request, TimeSpan timeout, CancellationToken ct = default);

    /// <summary>Queues a command nobody waits for (broker events, scheduled jobs).</summary>
    ValueTask PostAsync(EngineCommand command, CancellationToken ct = default);
}

/// <summary>
/// The single writer (docs/design.md): one loop reads the command channel and the conflated tick channel
/// and is the only code that changes positions, trades, signals and recorders. No locks around
/// trading state. Commands go first; ticks are drained in bounded batches between them.
/// </summary>
public sealed partial class TradingEngine : ISupervisedComponent, ITradingEngine
{
    private const int TicksPerTurn = 256;
    internal const int SignalsPerCommit = 256;
    internal const int ReportsPerCommit = 64;
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(250);

    private readonly Channel<EngineCommand> _commands = Channel.CreateBounded<EngineCommand>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly EngineServices _s;
    private readonly List<ExitFill> _fills = new(64);
    private volatile bool _ready;

    internal TradingEngine(EngineServices services) => _s = services;

    public string Name => "engine";

    public bool IsReady => _ready;

    public async Task<TResult> SendAsync<TResult>(EngineRequest<TResult> request, TimeSpan timeout, CancellationToken ct = default)
    {
        await _commands.Writer.WriteAsync(request, ct);
        return await request.Reply.Task.WaitAsync(timeout, _s.Time, ct);
    }

    public ValueTask PostAsync(EngineCommand command, CancellationToken ct = default) => _commands.Writer.WriteAsync(command, ct);

    /// <summary>
    /// Loads state and runs the loop. After a crash the supervisor calls it again: state is reloaded
    /// from the database, and commands queued meanwhile are still in the channel.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        // One engine per database: a second instance waits here as a follower until the leader goes away.
        // The lease claims a new epoch; losing it (lock session dead, a fenced write saw a newer epoch) stops this run,
        // and the supervisor restarts it as a candidate.
        await using var lead = await _s.Leadership.AcquireAsync(stoppingToken);
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lead.Lost);
        var ct = leading.Token;
        await ReloadBookAsync(ct);
        await _s.Bars.RefreshAsync(ct);
        await _s.Execution.StartAsync(ct);

        _ready = true;
        _s.Events.Publish(new LogEntry(_s.Time.GetUtcNow(), EngineLogLevel.Info, "Engine started"));
        using var heartbeat = RunHeartbeat(ct);
        try
        {
            await RunLoopAsync(ct);
        }
        catch (OperationCanceledException) when (lead.IsLost && !stoppingToken.IsCancellationRequested)
        {
            // stepping down: reported below
        }
        finally
        {
            _ready = false;
            if (!lead.IsLost) await FlushQuietlyAsync();   // a lost lead's writes would be refused anyway
        }
        if (!stoppingToken.IsCancellationRequested) lead.ThrowIfLost();
    }

    private async Task RunLoopAsync(CancellationToken ct)
    {
        var commands = _commands.Reader;
        var ticks = _s.Ticks.Reader;
        Task<bool>? commandWait = null, tickWait = null;
        while (!ct.IsCancellationRequested)
        {
            if (commands.TryRead(out var command))
            {
                if (command is ApplySignal or IBrokerReport) await HandleGroupAsync(command, commands, ct);
                else await HandleAsync(command, ct);
                continue;
            }

            var processed = 0;
            while (processed < TicksPerTurn && ticks.TryRead(out var slot))
            {
                await OnTickAsync(_s.Ticks.Take(slot), ct);
                processed++;
            }
            if (processed > 0) continue;

            // Idle: wait for whichever channel gets something first (allocates only when idle).
            commandWait ??= commands.WaitToReadAsync(ct).AsTask();
            tickWait ??= ticks.WaitToReadAsync(ct).AsTask();
            await Task.WhenAny(commandWait, tickWait);
            if (commandWait.IsCompleted) { if (!await commandWait) return; commandWait = null; }
            if (tickWait.IsCompleted) { await tickWait; tickWait = null; }
        }
    }

    /// <summary>The hot path: price cache, live book, and only when a level is touched, a database write.</summary>
    private async ValueTask OnTickAsync(Tick tick, CancellationToken ct)
    {
        _s.TickPath.Apply(tick, _fills);
        _s.Bars.OnTick(tick);
        _s.Writer.MarkRepriced();
        if (_fills.Count == 0) return;
        try
        {
            await _s.Exits.ApplyAsync(_fills, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CommandFailed(_s.Log, ex, "TickExit");
            _s.Events.Publish(new LogEntry(_s.Time.GetUtcNow(), EngineLogLevel.Error, $"Writing TP/SL exits failed: {ex.Message}"));
            await ReloadBookQuietlyAsync(ct);   // memory follows the database: the exit is decided again on the next tick
        }
        finally
        {
            _fills.Clear();
        }
    }

    private async Task HandleAsync(EngineCommand command, CancellationToken ct)
    {
        try
        {
            switch (command)
            {
                case EngineHeartbeat: await OnHeartbeatAsync(ct); break;
                case CreateRecorder c: await c.AnswerAsync(() => _s.Recorders.CreateAsync(c, ct)); break;
                case UpdateRecorder c: await c.AnswerAsync(() => _s.Recorders.UpdateAsync(c, ct)); break;
                case DeleteRecorder c: await c.AnswerAsync(() => _s.Recorders.DeleteAsync(c, ct)); break;
                case RotateRecorderToken c: await c.AnswerAsync(() => _s.Recorders.RotateTokenAsync(c, ct)); break;
                case RecordDailySnapshot c: await c.AnswerAsync(() => _s.Snapshots.RecordAsync(c, ct)); break;
                case SaveScheduledStrategy c: await c.AnswerAsync(() => _s.Strategies.SaveAsync(c, ct)); break;
                case DeleteScheduledStrategy c: await c.AnswerAsync(() => _s.Strategies.DeleteAsync(c, ct)); break;
                case IExecutionCommand c: await _s.Execution.HandleAsync(c, ct); break;
                default: throw new InvariantViolationException($"No handler for {command.GetType().Name}");
            }
        }
        catch (Exception ex) when (ex is not InvariantViolationException && (ex is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            // One failed command must not stop the loop; it is logged and the next one runs.
            CommandFailed(_s.Log, ex, command.GetType().Name);
            _s.Events.Publish(new LogEntry(_s.Time.GetUtcNow(), EngineLogLevel.Error, $"{command.GetType().Name} failed: {ex.Message}"));
            // A failed command may have changed book rows it could not commit: the book is read again from its journal.
            if (command is not EngineHeartbeat) await ReloadBookQuietlyAsync(ct);
        }
    }

    /// <summary>
    /// Group commit: the signals and broker reports queued behind this command (up to <see cref="SignalsPerCommit"/> and
    /// <see cref="ReportsPerCommit"/>) are taken together, the reports booked in one transaction, then the signals decided
    /// in order and committed in another; each caller is answered once its commit is durable. Under copy trading the
    /// brokers' reports arrive between the webhooks: a group that ended at the first report paid a sync to disk every
    /// few signals. Webhooks and brokers are independent sources, so taking a report before a signal that arrived
    /// ahead of it is an order they could have arrived in; each source keeps its own order, and any other command ends
    /// the group.
    /// </summary>
    private async Task HandleGroupAsync(EngineCommand first, ChannelReader<EngineCommand> commands, CancellationToken ct)
    {
        var (signals, reports) = TakeGroup(first, commands);
        if (reports.Count > 0) await HandleReportsAsync(reports, ct);
        if (signals.Count > 0) await HandleSignalsAsync(signals, ct);
    }

    /// <summary><paramref name="first"/> and the signals and reports queued right behind it, each in its arrival order.</summary>
    internal static (List<ApplySignal> Signals, List<IBrokerReport> Reports) TakeGroup(EngineCommand first, ChannelReader<EngineCommand> commands)
    {
        var signals = new List<ApplySignal>();
        var reports = new List<IBrokerReport>();
        var next = first;
        while (true)
        {
            if (next is ApplySignal signal) signals.Add(signal);
            else reports.Add((IBrokerReport)next);
            if (signals.Count == SignalsPerCommit || reports.Count == ReportsPerCommit) break;
            if (!commands.TryPeek(out next) || next is not (ApplySignal or IBrokerReport) || !commands.TryRead(out next)) break;
        }
        return (signals, reports);
    }

    private async Task HandleSignalsAsync(List<ApplySignal> batch, CancellationToken ct)
    {
        EngineMetrics.SignalsPerCommit.Record(batch.Count);
        try
        {
            await _s.Signals.HandleAsync(batch, () => ReloadBookAsync(ct), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            CommandFailed(_s.Log, ex, nameof(ApplySignal));
            _s.Events.Publish(new LogEntry(_s.Time.GetUtcNow(), EngineLogLevel.Error, $"{nameof(ApplySignal)} failed: {ex.Message}"));
            await ReloadBookQuietlyAsync(ct);
        }
    }

    /// <summary>What brokers reported, booked in one transaction (<see cref="ExecutionDispatcher.HandleReportsAsync"/>).</summary>
    private async Task HandleReportsAsync(List<IBrokerReport> batch, CancellationToken ct)
    {
        EngineMetrics.ReportsPerCommit.Record(batch.Count);
        try
        {
            await _s.Execution.HandleReportsAsync(batch, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            CommandFailed(_s.Log, ex, "BrokerReports");
            _s.Events.Publish(new LogEntry(_s.Time.GetUtcNow(), EngineLogLevel.Error, $"Booking broker reports failed: {ex.Message}"));
            await ReloadBookQuietlyAsync(ct);
        }
    }

    private async Task OnHeartbeatAsync(CancellationToken ct)
    {
        _s.Book.Signals.Prune(_s.Time.GetUtcNow().UtcDateTime);
        await _s.Writer.OnHeartbeatAsync(ct);
        await _s.Execution.OnHeartbeatAsync(ct);
        await _s.Bars.OnHeartbeatAsync(ct);
    }

    /// <summary>Reads the book from the database: at start, on taking the lead, and after a write that did not commit.</summary>
    private async Task ReloadBookAsync(CancellationToken ct)
    {
        await using var db = await _s.DbFactory.CreateDbContextAsync(ct);
        await _s.Loader.LoadAsync(db, ct);
        _s.Sync.RebuildAll();
        _s.Recorders.RefreshDirectory();
        _s.Events.ResetOpenPositions(_s.Book.OpenPositions.Select(_s.Sync.Snapshot));
    }

    private async Task ReloadBookQuietlyAsync(CancellationToken ct)
    {
        try { await ReloadBookAsync(ct); }
        catch (Exception ex) when (ex is not OperationCanceledException) { CommandFailed(_s.Log, ex, "ReloadBook"); }
    }


    private IDisposable RunHeartbeat(CancellationToken ct)
    {
        var timer = new PeriodicTimer(HeartbeatInterval, _s.Time);
        _ = PumpAsync();
        return timer;

        async Task PumpAsync()
        {
            try
            {
                while (await timer.WaitForNextTickAsync(ct))
                    _commands.Writer.TryWrite(EngineHeartbeat.Instance);   // skipped when the queue is full; the next one will do
            }
            catch (OperationCanceledException) { /* stopping */ }
        }
    }

    private async Task FlushQuietlyAsync()
    {
        try { await _s.Writer.FlushAsync(CancellationToken.None); }
        catch (Exception ex) { CommandFailed(_s.Log, ex, "FinalFlush"); }
    }

    [LoggerMessage(1001, LogLevel.Error, "Engine command {Command} failed")]
    private static partial void CommandFailed(ILogger logger, Exception ex, string command);
}

/// <summary>What the engine loop works with, in one place so its constructor stays readable.</summary>
internal sealed record EngineServices(
    IDbContextFactory<TradingDbContext> DbFactory,
    SignalHandler Signals,
    RecorderHandler Recorders,
    ExecutionDispatcher Execution,
    TickExitHandler Exits,
    LiveStateWriter Writer,
    DailySnapshotHandler Snapshots,
    Scheduling.Strategies.ScheduledStrategyService Strategies,
    LiveBookSync Sync,
    TradingBook Book,
    BookLoader Loader,
    TickConflator Ticks,
    TickPath TickPath,
    MarketData.Bars.SessionBars Bars,
    EngineEventHub Events,
    EngineLeadership Leadership,
    LeaderDirectory Leaders,
    TimeProvider Time,
    ILogger<TradingEngine> Log);
