namespace BlazorTrader.Engine.MarketData;

/// <summary>A market data feed. It pushes ticks into the sink until cancelled; reconnects are its own business.</summary>
public interface ITickSource
{
    string Name { get; }

    bool Connected { get; }

    /// <summary>The last problem the feed reported (e.g. a rejected token), for people; never a secret.</summary>
    string? Problem => null;

    Task RunAsync(ITickSink sink, CancellationToken ct);
}

/// <summary>Where sources put ticks; thread-safe, never blocks the source.</summary>
public interface ITickSink
{
    void Publish(in Tick tick);
}

/// <summary>The symbols the engine needs prices for: open positions plus configured watch symbols.</summary>
public interface ISymbolDemand
{
    IReadOnlyCollection<string> Symbols { get; }

    /// <summary>Raised (on the engine thread) when the set changes; handlers must be quick.</summary>
    event Action? Changed;
}
