using System.Net;
using BlazorTrader.Engine.Notifications;
using BlazorTrader.Hosting.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Web.Hostile;

public class LoginThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.9");
    private static readonly IPAddress Other = IPAddress.Parse("198.51.100.7");
    private static readonly IPAddress Admin = IPAddress.Parse("192.0.2.1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingNotifier _notifier = new();
    private readonly LoginThrottle _throttle;
    private readonly NotificationDispatcher _dispatcher;

    public LoginThrottleTests()
    {
        _dispatcher = new NotificationDispatcher([_notifier], Options.Create(new NotificationOptions()), _time);
        _throttle = new LoginThrottle(new StaticOptions(new LoginThrottleOptions()), _time, _dispatcher, NullLogger<LoginThrottle>.Instance);
    }

    [Fact]
    public void Backoff_StartsAfterFiveFailures_AndDoublesWithEachFurtherFailure()
    {
        // Arrange: 4 failures are free
        for (var i = 0; i < 4; i++) _throttle.RecordFailure("admin", Attacker);
        Assert.True(_throttle.Check("admin", Attacker).Allowed);

        // Act + Assert: the 5th starts a 1 s wait, the 6th 2 s, the 7th 4 s
        _throttle.RecordFailure("admin", Attacker);
        Assert.Equal(TimeSpan.FromSeconds(1), _throttle.Check("admin", Attacker).RetryAfter);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_throttle.Check("admin", Attacker).Allowed);
        _throttle.RecordFailure("admin", Attacker);
        Assert.Equal(TimeSpan.FromSeconds(2), _throttle.Check("admin", Attacker).RetryAfter);
        _time.Advance(TimeSpan.FromSeconds(2));
        _throttle.RecordFailure("admin", Attacker);
        Assert.Equal(TimeSpan.FromSeconds(4), _throttle.Check("admin", Attacker).RetryAfter);
    }

    [Fact]
    public async Task TenFailures_LockTheUserOut_ForTheFailingAddresses_ButNotForACleanOne_AndNotify()
    {
        await _dispatcher.StartAsync(CancellationToken.None);
        // Arrange: ten wrong passwords from two attacking addresses
        for (var i = 0; i < 5; i++) _throttle.RecordFailure("admin", Attacker);
        for (var i = 0; i < 5; i++) _throttle.RecordFailure("admin", Other);

        // Act
        _time.Advance(TimeSpan.FromMinutes(5));   // past every backoff: only the lockout is left
        var attacker = _throttle.Check("admin", Attacker);
        var admin = _throttle.Check("admin", Admin);

        // Assert
        Assert.False(attacker.Allowed);
        Assert.True(attacker.LockedOut);
        Assert.Equal(TimeSpan.FromMinutes(10), attacker.RetryAfter);
        Assert.True(admin.Allowed);   // the real admin elsewhere still signs in
        await Eventually.ReturnsAsync(() => { lock (_notifier.Kinds) return Task.FromResult(_notifier.Kinds.Contains(NotificationKind.LoginLockout)); },
            sent => sent, "a LoginLockout notification");
        await _dispatcher.StopAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(_throttle.Check("admin", Attacker).LockedOut);
    }

    [Fact]
    public void GuessingManyUserNames_FromOneAddress_IsBackedOffToo()
    {
        for (var i = 0; i < 5; i++) _throttle.RecordFailure($"user{i}", Attacker);

        Assert.False(_throttle.Check("admin", Attacker).Allowed);
        Assert.True(_throttle.Check("admin", Admin).Allowed);
    }

    private sealed class StaticOptions(LoginThrottleOptions value) : IOptionsMonitor<LoginThrottleOptions>
    {
        public LoginThrottleOptions CurrentValue => value;

        public LoginThrottleOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<LoginThrottleOptions, string?> listener) => null;
    }

    private sealed class RecordingNotifier : INotifier
    {
        public List<NotificationKind> Kinds { get; } = [];

        public ValueTask NotifyAsync(Notification n, CancellationToken ct)
        {
            lock (Kinds) Kinds.Add(n.Kind);
            return ValueTask.CompletedTask;
        }
    }
}
