using System.Threading.Channels;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Handlers;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine;

/// <summary>Sends commands to the engine. The only door to trading state.</summary>
public interface ITradingEngine
{
    /// <summary>True once the engine has loaded its state and is reading commands.</summary>
    bool IsReady { get; }

    /// <summary>Queues a request and awaits its answer; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    Task<TResult> SendAsync<TResult>(EngineRequest<TResult> request, TimeSpan timeout, CancellationToken ct = default);

    /// <summary>Queues a command nobody waits for (ticks, broker events, scheduled jobs).</summary>
    ValueTask PostAsync(EngineCommand command, CancellationToken ct = default);
}

/// <summary>
/// The single writer (DESIGN.md): one loop reads one channel and is the only code that changes
/// positions, trades, signals and recorders. No locks around trading state.
/// </summary>
public sealed partial class TradingEngine : BackgroundService, ITradingEngine
{
    private readonly Channel<EngineCommand> _commands = Channel.CreateBounded<EngineCommand>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly IDbContextFactory<TradingDbContext> _dbFactory;
    private readonly SignalHandler _signals;
    private readonly RecorderHandler _recorders;
    private readonly ExecutionDispatcher _execution;
    private readonly EngineEventHub _events;
    private readonly TimeProvider _time;
    private readonly ILogger<TradingEngine> _log;
    private volatile bool _ready;

    internal TradingEngine(IDbContextFactory<TradingDbContext> dbFactory, SignalHandler signals, RecorderHandler recorders,
        ExecutionDispatcher execution, EngineEventHub events, TimeProvider time, ILogger<TradingEngine> log)
    {
        _execution = execution;
        _dbFactory = dbFactory;
        _signals = signals;
        _recorders = recorders;
        _events = events;
        _time = time;
        _log = log;
    }

    public bool IsReady => _ready;

    public async Task<TResult> SendAsync<TResult>(EngineRequest<TResult> request, TimeSpan timeout, CancellationToken ct = default)
    {
        await _commands.Writer.WriteAsync(request, ct);
        return await request.Reply.Task.WaitAsync(timeout, _time, ct);
    }

    public ValueTask PostAsync(EngineCommand command, CancellationToken ct = default) => _commands.Writer.WriteAsync(command, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var db = await _dbFactory.CreateDbContextAsync(stoppingToken))
        {
            await _recorders.RefreshDirectoryAsync(db, stoppingToken);
            var open = await db.Positions.AsNoTracking().Where(p => p.Status == TradeStatus.Open).ToListAsync(stoppingToken);
            _events.ResetOpenPositions(open.Select(p => p.ToSnapshot()));
        }
        await _execution.StartAsync(stoppingToken);

        _ready = true;
        _events.Publish(new LogEntry(_time.GetUtcNow(), EngineLogLevel.Info, "Engine started"));
        try
        {
            await foreach (var command in _commands.Reader.ReadAllAsync(stoppingToken))
            {
                await HandleAsync(command, stoppingToken);
            }
        }
        finally
        {
            _ready = false;
        }
    }

    private async Task HandleAsync(EngineCommand command, CancellationToken ct)
    {
        try
        {
            switch (command)
            {
                case ApplySignal c: await Answer(c, () => _signals.HandleAsync(c, ct)); break;
                case CreateRecorder c: await Answer(c, () => _recorders.CreateAsync(c, ct)); break;
                case UpdateRecorder c: await Answer(c, () => _recorders.UpdateAsync(c, ct)); break;
                case DeleteRecorder c: await Answer(c, () => _recorders.DeleteAsync(c, ct)); break;
                case RotateRecorderToken c: await Answer(c, () => _recorders.RotateTokenAsync(c, ct)); break;
                case IExecutionCommand c: await _execution.HandleAsync(c, ct); break;
                default: throw new InvalidOperationException($"No handler for {command.GetType().Name}");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // One failed command must not stop the loop; it is logged and the next one runs.
            CommandFailed(_log, ex, command.GetType().Name);
            _events.Publish(new LogEntry(_time.GetUtcNow(), EngineLogLevel.Error, $"{command.GetType().Name} failed: {ex.Message}"));
        }
    }

    private static async Task Answer<TResult>(EngineRequest<TResult> request, Func<Task<TResult>> handle)
    {
        try
        {
            request.Reply.TrySetResult(await handle());
        }
        catch (Exception ex)
        {
            request.Reply.TrySetException(ex);
            throw;
        }
    }

    [LoggerMessage(1001, LogLevel.Error, "Engine command {Command} failed")]
    private static partial void CommandFailed(ILogger logger, Exception ex, string command);
}
