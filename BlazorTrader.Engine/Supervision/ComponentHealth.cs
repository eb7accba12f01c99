using System.Collections.Concurrent;

namespace BlazorTrader.Engine.Supervision;

public enum ComponentState { Starting, Running, Restarting, Completed, Stopped }

public sealed record ComponentStatus(string Name, ComponentState State, int Restarts, string? LastError, DateTimeOffset? LastStartedAt);

/// <summary>Each supervised component's state and restart count, for /health and the Control Center.</summary>
public sealed class ComponentHealth
{
    private readonly ConcurrentDictionary<string, ComponentStatus> _components = new(StringComparer.Ordinal);

    public IReadOnlyList<ComponentStatus> All => [.. _components.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];

    public ComponentStatus? Get(string name) => _components.GetValueOrDefault(name);

    internal void Set(ComponentStatus status) => _components[status.Name] = status;
}
