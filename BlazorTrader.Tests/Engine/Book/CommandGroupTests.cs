using System.Threading.Channels;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;

namespace BlazorTrader.Tests.Engine.Book;

public sealed class CommandGroupTests
{
    [Fact]
    public async Task SignalsBetweenBrokerReports_AreOneGroup_EachSourceInItsOrder_UpToTheFirstOtherCommand()
    {
        // Arrange: under copy trading the paper venue's reports arrive between the webhooks; a heartbeat ends the run
        await using var engine = new EngineHarness();
        var (_, token) = await engine.CreateRecorderAsync(new RecorderDraft { Name = "unit", InitialPositionSize = 1, AddPositionSize = 1 });
        var s1 = engine.Signal(token, """{"action":"buy","ticker":"MNQ1!","price":21500,"id":"s1"}""");
        var s2 = engine.Signal(token, """{"action":"sell","ticker":"MNQ1!","price":21501,"id":"s2"}""");
        var s3 = engine.Signal(token, """{"action":"buy","ticker":"MNQ1!","price":21502,"id":"s3"}""");
        var r1 = new PaperFillDue(1);
        var r2 = new PaperFillDue(2);
        var queue = Channel.CreateUnbounded<EngineCommand>();
        foreach (var command in new EngineCommand[] { r1, s2, r2, s3, EngineHeartbeat.Instance, new PaperFillDue(3) }) queue.Writer.TryWrite(command);

        // Act
        var (signals, reports) = TradingEngine.TakeGroup(s1, queue.Reader);

        // Assert: one commit for the three signals, one for the two reports; the heartbeat and what follows it wait
        Assert.Equal([s1, s2, s3], signals);
        Assert.Equal<IBrokerReport>([r1, r2], reports);
        Assert.True(queue.Reader.TryRead(out var left));
        Assert.IsType<EngineHeartbeat>(left);
    }

    [Fact]
    public void AFullGroupOfReports_EndsTheGroup_TheRestStayQueued()
    {
        // Arrange
        var queue = Channel.CreateUnbounded<EngineCommand>();
        for (var i = 1; i <= TradingEngine.ReportsPerCommit + 5; i++) queue.Writer.TryWrite(new PaperFillDue(i));

        // Act
        var (signals, reports) = TradingEngine.TakeGroup(new PaperFillDue(0), queue.Reader);

        // Assert
        Assert.Empty(signals);
        Assert.Equal(TradingEngine.ReportsPerCommit, reports.Count);
        Assert.Equal(6, queue.Reader.Count);
    }
}
