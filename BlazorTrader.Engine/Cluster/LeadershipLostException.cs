namespace BlazorTrader.Engine.Cluster;

/// <summary>
/// This instance no longer leads (its lock session died, or another instance claimed a newer epoch): the write that
/// found out is rolled back, and the engine steps down.
/// </summary>
public sealed class LeadershipLostException(string reason) : Exception($"Engine leadership lost: {reason}");
