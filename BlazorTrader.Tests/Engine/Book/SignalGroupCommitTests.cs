using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Engine.Book;

public sealed class SignalGroupCommitTests
{
    private static RecorderDraft Draft(int? maxEntries = null) => new() { Name = "unit", InitialPositionSize = 1, AddPositionSize = 1, MaxEntriesPerDay = maxEntries };

    [Fact]
    public async Task ThreeQueuedSignals_AreDecidedInOrder_OnTheBook_AndAllDurable()
    {
        // Arrange
        await using var engine = new EngineHarness();
        var (id, token) = await engine.CreateRecorderAsync(Draft());

        // Act: buy, buy (add), sell 1, in one group
        var answers = await engine.CommitAsync(
            engine.Signal(token, """{"action":"buy","ticker":"MNQ1!","price":21500,"id":"a"}"""),
            engine.Signal(token, """{"action":"buy","ticker":"MNQ1!","price":21510,"id":"b"}"""),
            engine.Signal(token, """{"action":"sell","ticker":"MNQ1!","price":21520,"quantity":1,"id":"c"}"""));

        // Assert: the book and the journal agree: long 1 at 21505; the position realizes against its average
        // ((21520 - 21505) x $2 = $30), the exited trade against its own entry (FIFO: the 21500 lot, +20 x $2 = $40)
        Assert.All(answers, a => Assert.Equal(SignalOutcomeStatus.Accepted, a.Status));
        var held = engine.Book.OpenPosition(id, "MNQ1!")!;
        Assert.Equal(1, held.TotalQuantity);
        Assert.Equal(21505m, held.AvgEntryPrice);
        Assert.Equal(30m, held.RealizedPnl);
        Assert.Single(held.Trades);
        await using var db = engine.Db();
        var stored = await db.Positions.Include(p => p.Trades).SingleAsync();
        Assert.Equal((1m, 21505m, 30m), (stored.TotalQuantity, stored.AvgEntryPrice, stored.RealizedPnl));
        Assert.Equal(2, stored.Trades.Count);
        Assert.Equal(40m, stored.Trades.Single(t => t.Status == TradeStatus.Closed).RealizedPnl);
        Assert.Equal(3, await db.Signals.CountAsync());
    }

    [Fact]
    public async Task OpenCloseOpenClose_InOneGroup_EachSignalSeesTheOneBefore()
    {
        // Arrange
        await using var engine = new EngineHarness();
        var (id, token) = await engine.CreateRecorderAsync(Draft());

        // Act
        var answers = await engine.CommitAsync(
            engine.Signal(token, """{"action":"buy","ticker":"MNQ1!","price":21500,"id":"o1"}"""),
            engine.Signal(token, """{"action":"sell","ticker":"MNQ1!","price":21504,"id":"c1"}"""),
            engine.Signal(token, """{"action":"buy","ticker":"MNQ1!","price":21502,"id":"o2"}"""),
            engine.Signal(token, """{"action":"sell","ticker":"MNQ1!","price":21501,"id":"c2"}"""));

        // Assert: two round trips (+4 points and -1 point, $2 a point), flat, no short opened by a stale book
        Assert.All(answers, a => Assert.Equal(SignalOutcomeStatus.Accepted, a.Status));
        Assert.Null(engine.Book.OpenPosition(id, "MNQ1!"));
        await using var db = engine.Db();
        var positions = await db.Positions.OrderBy(p => p.Id).ToListAsync();
        Assert.Equal([8m, -2m], positions.Select(p => p.RealizedPnl));
        Assert.All(positions, p => Assert.Equal((TradeStatus.Closed, "long"), (p.Status, p.Side)));
    }

    [Fact]
    public async Task ADuplicateInsideTheGroup_AndAfterARestart_IsAnsweredFromMemory_WithTheFirstId()
    {
        // Arrange
        await using var engine = new EngineHarness();
        var (_, token) = await engine.CreateRecorderAsync(Draft());
        const string body = """{"action":"buy","ticker":"ES1!","price":5000,"id":"once","time":"2026-11-18T15:00:00Z"}""";

        // Act
        var first = await engine.CommitAsync(engine.Signal(token, body), engine.Signal(token, body));
        await engine.LoadBookAsync();   // a restart: the book is read again from the journal
        var later = await engine.CommitAsync(engine.Signal(token, body));

        // Assert
        Assert.Equal(SignalOutcomeStatus.Accepted, first[0].Status);
        Assert.Equal(SignalOutcomeStatus.Duplicate, first[1].Status);
        Assert.Equal(first[0].SignalId, first[1].SignalId);
        Assert.Equal(SignalOutcomeStatus.Duplicate, later[0].Status);
        Assert.Equal(first[0].SignalId, later[0].SignalId);
        await using var db = engine.Db();
        Assert.Equal(1, await db.Signals.CountAsync());
        Assert.Equal(1, (await db.Positions.SingleAsync()).TotalQuantity);
    }

    [Fact]
    public async Task AGroupThatCannotCommit_IsRetriedOneByOne_SoOnlyTheBadSignalFails_AndTheBookFollowsTheJournal()
    {
        // Arrange: the second recorder is gone from the journal but not (yet) from the book: its insert breaks a foreign key
        await using var engine = new EngineHarness();
        var (goodId, good) = await engine.CreateRecorderAsync(Draft());
        var (badId, bad) = await engine.CreateRecorderAsync(Draft() with { Name = "gone" });
        await using (var db = engine.Db()) await db.Recorders.Where(r => r.Id == badId).ExecuteDeleteAsync();
        var batch = new[]
        {
            engine.Signal(good, """{"action":"buy","ticker":"MNQ1!","price":21500,"id":"g1"}"""),
            engine.Signal(bad, """{"action":"buy","ticker":"MNQ1!","price":21500,"id":"b1"}"""),
            engine.Signal(good, """{"action":"buy","ticker":"MNQ1!","price":21502,"id":"g2"}"""),
        };

        // Act
        var answers = await engine.CommitAsync(batch);

        // Assert: the good ones were applied once each; the bad one failed alone (the reloaded book no longer knows its
        // recorder); memory equals the journal
        Assert.Equal([SignalOutcomeStatus.Accepted, SignalOutcomeStatus.UnknownRecorder, SignalOutcomeStatus.Accepted], answers.Select(a => a.Status));
        Assert.Equal(2, engine.Book.OpenPosition(goodId, "MNQ1!")!.TotalQuantity);
        Assert.Null(engine.Book.Recorder(badId));
        await using var check = engine.Db();
        Assert.Equal(2, await check.Signals.CountAsync());
        Assert.Equal(2, (await check.Positions.SingleAsync()).TotalQuantity);
    }

    [Fact]
    public async Task EntriesPerDay_AreCountedInTheBook_AcrossARestart_AndResetOnTheNextTradingDay()
    {
        // Arrange: at most one entry per trading day
        await using var engine = new EngineHarness();
        var (id, token) = await engine.CreateRecorderAsync(Draft(maxEntries: 1));
        await engine.CommitAsync(engine.Signal(token, """{"action":"buy","ticker":"ES1!","price":5000,"id":"e1"}"""));
        await engine.CommitAsync(engine.Signal(token, """{"action":"close","ticker":"ES1!","price":5001,"id":"x1"}"""));

        // Act
        await engine.LoadBookAsync();
        var denied = await engine.CommitAsync(engine.Signal(token, """{"action":"buy","ticker":"ES1!","price":5002,"id":"e2"}"""));
        engine.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await engine.CommitAsync(engine.Signal(token, """{"action":"buy","ticker":"ES1!","price":5003,"id":"e3"}"""));

        // Assert
        Assert.Equal(SignalOutcomeStatus.Ignored, denied[0].Status);
        Assert.Contains("max entries per day reached (1 of 1 on 2026-11-18)", denied[0].Reason);
        Assert.Equal(SignalOutcomeStatus.Accepted, nextDay[0].Status);
        Assert.Equal(1, engine.Book.OpenPosition(id, "ES1!")!.TotalQuantity);
        await using var db = engine.Db();
        Assert.Equal(SignalStatus.Ignored, (await db.Signals.SingleAsync(s => s.Status == SignalStatus.Ignored)).Status);
    }

    [Fact]
    public async Task SymbolDemand_ComesFromOpenPositionsOnly_AndIsReleasedWhenTheyClose()
    {
        // Arrange
        await using var engine = new EngineHarness();
        var (_, token) = await engine.CreateRecorderAsync(Draft());

        // Act: a signal the engine ignores (breakeven with nothing open), an open, then its close
        await engine.CommitAsync(engine.Signal(token, """{"action":"breakeven","ticker":"CL1!","id":"n1"}"""));
        var afterIgnored = engine.Demand.Symbols.ToList();
        await engine.CommitAsync(engine.Signal(token, """{"action":"buy","ticker":"ES1!","price":5000,"id":"o1"}"""));
        var whileOpen = engine.Demand.Symbols.ToList();
        await engine.CommitAsync(engine.Signal(token, """{"action":"close","ticker":"ES1!","price":5001,"id":"c1"}"""));

        // Assert
        Assert.Empty(afterIgnored);
        Assert.Equal(["ES1!"], whileOpen);
        Assert.Empty(engine.Demand.Symbols);
    }
}
