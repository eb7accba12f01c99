using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Execution.Paper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Execution;

public sealed class PaperFillDueTests
{
    [Fact]
    public void OrdersDueTogether_QueueOneLook_UntilTheEngineTakesIt()
    {
        // Arrange: a paper account without latency; the engine records what is posted to it
        var (broker, posted, _) = Broker();

        // Act: three orders accepted in one commit, then the engine takes the look, then one more order
        broker.WakeAt(DateTime.UtcNow.AddSeconds(-1));
        broker.WakeAt(DateTime.UtcNow.AddSeconds(-1));
        broker.WakeAt(DateTime.UtcNow.AddSeconds(-1));
        var beforeTaken = posted.Count;
        broker.FillDueTaken();
        broker.WakeAt(DateTime.UtcNow.AddSeconds(-1));

        // Assert: one look for the three (it fills every order due), a new one for the order after it was taken
        Assert.Equal(1, beforeTaken);
        Assert.Equal(2, posted.Count);
        Assert.All(posted, c => Assert.Equal(new PaperFillDue(7), c));
    }

    [Fact]
    public void AnOrderDueLater_IsLookedAtWhenItsLatencyHasPassed()
    {
        // Arrange
        var (broker, posted, time) = Broker();

        // Act
        broker.WakeAt(time.GetUtcNow().UtcDateTime.AddMilliseconds(300));
        var early = posted.Count;
        time.Advance(TimeSpan.FromMilliseconds(300));

        // Assert
        Assert.Equal(0, early);
        Assert.Single(posted);
    }

    private static (PaperBroker Broker, List<EngineCommand> Posted, FakeTimeProvider Time) Broker()
    {
        var engine = new RecordingEngine();
        var services = new ServiceCollection().AddSingleton<ITradingEngine>(engine).BuildServiceProvider();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var account = new BrokerAccount(7, "paper", BrokerKind.Paper, new Dictionary<string, string>());
        return (new PaperBroker(account, new EngineInbox(services), null!, time), engine.Posted, time);
    }

    private sealed class RecordingEngine : ITradingEngine
    {
        public List<EngineCommand> Posted { get; } = [];

        public bool IsReady => true;

        public Task<TResult> SendAsync<TResult>(EngineRequest<TResult> request, TimeSpan timeout, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public ValueTask PostAsync(EngineCommand command, CancellationToken ct = default)
        {
            lock (Posted) Posted.Add(command);
            return ValueTask.CompletedTask;
        }
    }
}
