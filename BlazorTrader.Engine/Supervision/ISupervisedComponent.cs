namespace BlazorTrader.Engine.Supervision;

/// <summary>A long-running part of the process (engine loop, a feed, a broker connection) that the supervisor restarts when it fails.</summary>
public interface ISupervisedComponent
{
    string Name { get; }

    /// <summary>Runs until cancelled. Throwing means "crashed": the supervisor restarts it after a backoff.</summary>
    Task RunAsync(CancellationToken ct);
}

/// <summary>Thrown when a broken invariant means the component must not go on as it is: fail fast, restart clean.</summary>
public sealed class InvariantViolationException(string message) : Exception(message);
