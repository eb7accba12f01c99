using System.Collections.Concurrent;
using System.Net;
using BlazorTrader.Engine.Notifications;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Hosting.Security;

/// <summary>What a sign-in attempt may do now: try the password, or wait <see cref="RetryAfter"/>.</summary>
public readonly record struct LoginVerdict(bool Allowed, TimeSpan RetryAfter, bool LockedOut)
{
    public static LoginVerdict Allow => new(true, TimeSpan.Zero, false);
}

/// <summary>
/// Slows password guessing without locking the real user out:
/// each (user, address) and each address has its own count of failures; from <see cref="LoginThrottleOptions.BackoffAfterFailures"/>
/// on, every further try waits a delay that doubles per failure. A user with <see cref="LoginThrottleOptions.LockoutAfterFailures"/>
/// failures over all addresses is locked out for <see cref="LoginThrottleOptions.LockoutMinutes"/>, but only from the addresses that
/// failed: a correct password from an address that never failed still signs in while the user is attacked from elsewhere.
/// </summary>
public sealed class LoginThrottle(IOptionsMonitor<LoginThrottleOptions> options, TimeProvider time, NotificationDispatcher notifications,
    ILogger<LoginThrottle> log)
{
    /// <summary>Bounds the memory an attacker with many addresses or user names can make us spend.</summary>
    private const int MaxTrackedKeys = 50_000;

    private readonly ConcurrentDictionary<string, FailureCount> _failures = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lockedUntil = new();
    private readonly Lock _gate = new();

    public LoginVerdict Check(string? user, IPAddress? address)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var pair = Get(PairKey(user, address), now, o);
            var fromAddress = Get(AddressKey(address), now, o);
            if ((pair.Count > 0 || fromAddress.Count > 0) && _lockedUntil.TryGetValue(UserKey(user), out var until) && until > now)
                return new LoginVerdict(false, until - now, true);
            var wait = Max(WaitLeft(pair, now, o), WaitLeft(fromAddress, now, o));
            return wait > TimeSpan.Zero ? new LoginVerdict(false, wait, false) : LoginVerdict.Allow;
        }
    }

    public void RecordFailure(string? user, IPAddress? address)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        bool lockedNow;
        lock (_gate)
        {
            if (_failures.Count > MaxTrackedKeys) Forget(now, o);
            Bump(PairKey(user, address), now, o);
            Bump(AddressKey(address), now, o);
            var total = Bump(UserKey(user), now, o);
            lockedNow = total.Count >= o.LockoutAfterFailures
                && (!_lockedUntil.TryGetValue(UserKey(user), out var until) || until <= now);
            if (lockedNow)
            {
                _lockedUntil[UserKey(user)] = now.AddMinutes(o.LockoutMinutes);
                _failures.TryRemove(UserKey(user), out _);   // the next lockout needs as many failures again
            }
        }
        LoginFailed(log, address?.ToString() ?? "unknown");
        if (!lockedNow) return;
        LockedOut(log, o.LockoutMinutes, address?.ToString() ?? "unknown");
        notifications.Publish(NotificationKind.LoginLockout, NotificationSeverity.Warning, "Sign-in locked",
            $"{o.LockoutAfterFailures} wrong passwords for user '{Shown(user)}' (the last from {address}); sign-in from the addresses that failed " +
            $"is refused for {o.LockoutMinutes} min. Addresses that never failed can still sign in.");
    }

    /// <summary>A correct password clears this address's failures; the user's lockout stays for the addresses that failed.</summary>
    public void RecordSuccess(string? user, IPAddress? address)
    {
        lock (_gate)
        {
            _failures.TryRemove(PairKey(user, address), out _);
            _failures.TryRemove(AddressKey(address), out _);
        }
    }

    private FailureCount Get(string key, DateTimeOffset now, LoginThrottleOptions o) =>
        _failures.TryGetValue(key, out var f) && now - f.Last < TimeSpan.FromMinutes(o.ForgetAfterMinutes) ? f : default;

    private FailureCount Bump(string key, DateTimeOffset now, LoginThrottleOptions o)
    {
        var next = new FailureCount(Get(key, now, o).Count + 1, now);
        _failures[key] = next;
        return next;
    }

    private static TimeSpan WaitLeft(FailureCount f, DateTimeOffset now, LoginThrottleOptions o)
    {
        if (f.Count < o.BackoffAfterFailures) return TimeSpan.Zero;
        var doublings = Math.Min(f.Count - o.BackoffAfterFailures, 30);
        var delay = TimeSpan.FromSeconds(Math.Min(o.BackoffSeconds * Math.Pow(2, doublings), o.MaxBackoffSeconds));
        var left = f.Last + delay - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void Forget(DateTimeOffset now, LoginThrottleOptions o)
    {
        foreach (var (key, f) in _failures)
        {
            if (now - f.Last >= TimeSpan.FromMinutes(o.ForgetAfterMinutes)) _failures.TryRemove(key, out _);
        }
        foreach (var (key, until) in _lockedUntil)
        {
            if (until <= now) _lockedUntil.TryRemove(key, out _);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Normalize(string? user) => (user ?? "").Trim().ToLowerInvariant() is { Length: <= 100 } u ? u : "(long)";

    private static string Shown(string? user) => Normalize(user) is { Length: > 40 } u ? u[..40] + "..." : Normalize(user);

    private static string UserKey(string? user) => "u|" + Normalize(user);

    private static string AddressKey(IPAddress? address) => "a|" + (address?.ToString() ?? "");

    private static string PairKey(string? user, IPAddress? address) => "p|" + (address?.ToString() ?? "") + "|" + Normalize(user);

    private readonly record struct FailureCount(int Count, DateTimeOffset Last);

    private static void LoginFailed(ILogger logger, string address) =>
        logger.LogInformation("Wrong user or password from {Address}", address);

    private static void LockedOut(ILogger logger, int minutes, string address) =>
        logger.LogWarning("Sign-in locked for {Minutes} min after repeated wrong passwords (the last from {Address})", minutes, address);
}
