namespace BlazorTrader.Engine.Cluster;

/// <summary>
/// The lease this instance currently leads under, shared by <see cref="EngineLeadership"/> (which sets it) and
/// <see cref="FencingInterceptor"/> (which fences every write while it is set). Its own type so the interceptor,
/// which every database context uses, does not depend on the leadership that itself uses a database context.
/// </summary>
public sealed class EngineFence
{
    private volatile EngineLease? _current;

    public EngineLease? Current => _current;

    internal void Enter(EngineLease lease) => _current = lease;

    internal void Leave(EngineLease lease) => Interlocked.CompareExchange(ref _current, null, lease);
}
