using BlazorTrader.Engine.Supervision;

namespace BlazorTrader.Engine.MarketData;

/// <summary>Runs the configured tick source into the engine's conflator; the supervisor restarts it if it fails.</summary>
public sealed class MarketDataService(ITickSource? source, ITickSink sink) : ISupervisedComponent
{
    public string Name => "marketData";

    public ITickSource? Source => source;

    public Task RunAsync(CancellationToken ct) =>
        source is null ? Task.Delay(Timeout.Infinite, ct) : source.RunAsync(sink, ct);
}
