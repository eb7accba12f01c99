using BlazorTrader.Engine.Notifications;
using BlazorTrader.Engine.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Supervision;

public class SupervisorTests
{
    /// <summary>Throws on its first <c>failures</c> runs, then runs until cancelled.</summary>
    private sealed class FlakyComponent(int failures) : ISupervisedComponent
    {
        private int _runs;
        public string Name => "flaky";
        public int Runs => Volatile.Read(ref _runs);
        public TaskCompletionSource Running { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(CancellationToken ct)
        {
            if (Interlocked.Increment(ref _runs) <= failures) throw new InvalidOperationException($"boom {Runs}");
            Running.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }
    }

    [Fact]
    public async Task CrashedComponent_IsRestartedWithBackoff_AndReported()
    {
        // Arrange
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time)
            .AddNotifications(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var inApp = services.GetRequiredService<InAppNotifier>();
        var dispatcher = services.GetRequiredService<NotificationDispatcher>();
        await dispatcher.StartAsync(CancellationToken.None);
        var health = new ComponentHealth();
        var flaky = new FlakyComponent(failures: 2);
        using var supervisor = new Supervisor([flaky], health, dispatcher, time, NullLogger<Supervisor>.Instance);

        // Act
        await supervisor.StartAsync(CancellationToken.None);
        await WaitUntil(() => flaky.Runs == 1 && health.Get("flaky")?.State == ComponentState.Restarting);
        time.Advance(TimeSpan.FromMilliseconds(999));
        var stillWaiting = flaky.Runs;
        time.Advance(TimeSpan.FromMilliseconds(1));                  // first backoff: 1 s
        await WaitUntil(() => flaky.Runs == 2 && health.Get("flaky")?.State == ComponentState.Restarting);
        time.Advance(TimeSpan.FromSeconds(2));                       // second backoff: 2 s
        await flaky.Running.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(1, stillWaiting);
        var status = health.Get("flaky")!;
        Assert.Equal((ComponentState.Running, 2, "boom 2"), (status.State, status.Restarts, status.LastError));
        await WaitUntil(() => inApp.Recent.Count(n => n.Kind == NotificationKind.ComponentRestarted) == 2);
        await supervisor.StopAsync(CancellationToken.None);
        Assert.Equal(ComponentState.Stopped, health.Get("flaky")!.State);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(5);
        }
    }
}
