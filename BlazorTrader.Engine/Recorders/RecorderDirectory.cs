using System.Collections.Frozen;

namespace BlazorTrader.Engine.Recorders;

/// <summary>What a webhook needs to know about a recorder before it reaches the engine.</summary>
public sealed record RecorderInfo(long Id, string Name, string TokenHash, bool RecordingEnabled);

/// <summary>
/// Immutable map of webhook token hashes to recorders. The engine replaces it after every recorder
/// change; readers (the webhook endpoint) see one consistent version without locks.
/// </summary>
public sealed class RecorderDirectory
{
    private FrozenDictionary<string, RecorderInfo> _byTokenHash = FrozenDictionary<string, RecorderInfo>.Empty;

    public bool TryFind(string tokenHash, out RecorderInfo recorder) =>
        Volatile.Read(ref _byTokenHash).TryGetValue(tokenHash, out recorder!);

    internal void Replace(IEnumerable<RecorderInfo> recorders) =>
        Volatile.Write(ref _byTokenHash, recorders.ToFrozenDictionary(r => r.TokenHash, StringComparer.Ordinal));
}
