using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Engine.Execution;

/// <summary>
/// Lets brokers post their reports to the engine. Resolved lazily because the engine itself depends on the
/// brokers (through <see cref="ExecutionDispatcher"/>); the engine is built before any broker is.
/// </summary>
internal sealed class EngineInbox(IServiceProvider services)
{
    private ITradingEngine? _engine;

    public ITradingEngine Engine => _engine ??= services.GetRequiredService<ITradingEngine>();

    /// <summary>Queues without waiting: callers may be on the engine's own thread, which must never wait for its channel.</summary>
    public void Post(Commands.EngineCommand command) => _ = Engine.PostAsync(command).AsTask();
}
