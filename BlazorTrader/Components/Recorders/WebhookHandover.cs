using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace BlazorTrader.Components.Recorders;

/// <summary>A new recorder's webhook URL while the trader copies it into TradingView.</summary>
public sealed record PendingWebhook(long RecorderId, string RecorderName, string Url, DateTimeOffset CreatedAt);

/// <summary>Where the pending URL waits: the browser tab's session storage, encrypted (never the server, never in clear).</summary>
public interface IPendingWebhookStore
{
    Task<PendingWebhook?> GetAsync();

    Task SetAsync(PendingWebhook pending);

    Task DeleteAsync();
}

public sealed class ProtectedSessionWebhookStore(ProtectedSessionStorage storage) : IPendingWebhookStore
{
    private const string Key = "bt-pending-webhook";

    public async Task<PendingWebhook?> GetAsync()
    {
        try
        {
            var result = await storage.GetAsync<PendingWebhook>(Key);
            return result.Success ? result.Value : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;   // written under other keys (another instance, rotated keys): nothing to show
        }
    }

    public async Task SetAsync(PendingWebhook pending) => await storage.SetAsync(Key, pending);

    public async Task DeleteAsync() => await storage.DeleteAsync(Key);
}

/// <summary>
/// Hands a new recorder's webhook URL (shown once: only the token's hash is stored) to the dialog that keeps it on screen until
/// the trader confirms the copy. A reload of the tab within <see cref="KeepFor"/> shows it again, e.g. after switching to the
/// TradingView app on a phone. One per circuit.
/// </summary>
public sealed class WebhookHandover(IPendingWebhookStore store, TimeProvider time)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    /// <summary>Raised when a URL was handed over in this circuit (the dialog opens at once).</summary>
    public event Action<PendingWebhook>? Handed;

    public async Task HandOverAsync(long recorderId, string recorderName, string url)
    {
        var pending = new PendingWebhook(recorderId, recorderName, url, time.GetUtcNow());
        await store.SetAsync(pending);
        Handed?.Invoke(pending);
    }

    /// <summary>The URL still waiting for its confirmation, unless it is older than <see cref="KeepFor"/>.</summary>
    public async Task<PendingWebhook?> PendingAsync()
    {
        var pending = await store.GetAsync();
        if (pending is null) return null;
        if (time.GetUtcNow() - pending.CreatedAt <= KeepFor) return pending;
        await store.DeleteAsync();
        return null;
    }

    public Task ConfirmCopiedAsync() => store.DeleteAsync();
}
