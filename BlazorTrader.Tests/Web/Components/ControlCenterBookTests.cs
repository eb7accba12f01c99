using BlazorTrader.Components.ControlCenter;
using BlazorTrader.Components.Shared;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>
/// The Control Center's one view of the day: recorder and account positions side by side with a close for each kind,
/// working orders with a cancel, and the recorder vs account P&amp;L with the slippage between them.
/// </summary>
public class ControlCenterBookTests : MudTestContext
{
    private static readonly DateTime Today = new(2026, 11, 20, 14, 30, 0, DateTimeKind.Utc);   // 09:30 ET, the fake clock's trading day

    private readonly ControlCenterPanelsTests.RecordingActions _actions = new();

    public ControlCenterBookTests() => Services.AddSingleton<IControlCenterActions>(_actions);

    private static PositionSnapshot RecorderLong(long id, long recorderId, string ticker, decimal price, decimal unrealized) => new(
        id, recorderId, ticker, "long", 1, 21500m, price, unrealized, 0, 0, unrealized, "open", Today, null);

    private async Task<long> SeedAccountAsync(string name, params (string Symbol, decimal Quantity, decimal Avg)[] positions)
    {
        await using var db = Services.GetRequiredService<ComponentTestDatabase>().CreateDbContext();
        var account = new AccountEntity { Name = name, Broker = BrokerKind.Paper, Enabled = true, Settings = "{}" };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        foreach (var (symbol, quantity, avg) in positions)
            db.AccountPositions.Add(new AccountPositionEntity { AccountId = account.Id, Symbol = symbol, Quantity = quantity, AvgPrice = avg, OpenedAt = Today, UpdatedAt = Today });
        await db.SaveChangesAsync();
        return account.Id;
    }

    [Fact]
    public async Task Positions_ShowRecorderAndAccountRows_MarkedByKind_AndTheAccountIsMarkedToTheLivePrice()
    {
        // Arrange: a recorder long MNQ (engine snapshot) and a paper account short 2 ES at 5000 (its book), ES trading at 4990
        await SeedAccountAsync("Paper demo", ("ES1!", -2, 5000m));
        LivePrices.Set(Tick.At1("ES1!", 4990m, Time.GetUtcNow()));
        Hub.Publish(new PositionChanged(Time.GetUtcNow(), RecorderLong(1, 5, "MNQ1!", 21510m, 20m)));

        // Act
        var cut = Render<PositionsTable>(p => p.Add(x => x.RecorderNames, new Dictionary<long, string> { [5] = "MNQ scalper" }));

        // Assert: two rows, each marked, the account's unrealized from the price cache (10 points x $50 x 2 = +$1,000)
        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("[data-testid=positions-table] tbody tr");
            Assert.Equal(2, rows.Count);
            Assert.Equal(["recorder", "account"], cut.FindAll("[data-testid=position-kind]").Select(c => c.TextContent.Trim()));
            Assert.Contains("MNQ scalper", rows[0].TextContent);
            Assert.Contains("Paper demo", rows[1].TextContent);
            Assert.Contains("short", rows[1].TextContent);
            Assert.Equal("+$1,000.00", rows[1].QuerySelector("[data-testid=position-unrealized]")!.TextContent);
            Assert.Contains("4990.00", rows[1].TextContent);
        }, Wait);
    }

    [Fact]
    public async Task ContinuousTickers_ShowTheMonthTheyAreHeldIn_AfterTheRollToo()
    {
        // Arrange: Fri Dec 11 (March is MNQ's front); a recorder long MNQ1! since Nov 20 (December), an account's December
        // position kept as such, and an account's ES1! bought today (no month recorded: the front)
        var accountId = await SeedAccountAsync("Paper demo", ("MNQ1!", 1, 21500m), ("ES1!", 1, 5000m));
        await using (var db = Services.GetRequiredService<ComponentTestDatabase>().CreateDbContext())
        {
            var mnq = db.AccountPositions.Single(p => p.AccountId == accountId && p.Symbol == "MNQ1!");
            mnq.ContractMonth = "202612";
            await db.SaveChangesAsync();
        }
        Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 15, 0, 0, TimeSpan.Zero));   // nothing rendered yet: no timers to catch up
        Hub.Publish(new PositionChanged(Time.GetUtcNow(), RecorderLong(1, 5, "MNQ1!", 21510m, 20m)));

        // Act
        var cut = Render<PositionsTable>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(["MNQZ2026", "ESH2027", "MNQZ2026"],
            cut.FindAll("[data-testid=position-contract]").Select(c => c.TextContent.Trim())), Wait);
    }

    [Fact]
    public async Task CloseButtons_CloseARecorderPositionByItsId_AndAnAccountPositionByAccountAndSymbol()
    {
        // Arrange
        var account = await SeedAccountAsync("Paper demo", ("ES1!", 1, 5000m));
        Hub.Publish(new PositionChanged(Time.GetUtcNow(), RecorderLong(9, 5, "MNQ1!", 21500m, 0m)));
        var cut = Render<PositionsTable>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=position-close]").Count), Wait);

        // Act
        for (var i = 0; i < 2; i++) await cut.FindAll("[data-testid=position-close]")[i].ClickAsync(new());   // found again after each render

        // Assert
        Assert.Equal(["close 9", $"close account {account} ES1!"], _actions.Calls);
        Assert.Equal("Close ES1! (Paper demo)", cut.FindAll("[data-testid=position-close]")[1].GetAttribute("aria-label"));
    }

    [Fact]
    public async Task AccountRows_FollowFills_WhenAnOrderChanges()
    {
        // Arrange: the account is flat when the table renders
        var account = await SeedAccountAsync("Paper demo");
        var cut = Render<PositionsTable>();
        cut.WaitForAssertion(() => Assert.Contains("No open positions", cut.Markup), Wait);

        // Act: a fill moves the account's book, announced by an order change
        await using (var db = Services.GetRequiredService<ComponentTestDatabase>().CreateDbContext())
        {
            db.AccountPositions.Add(new AccountPositionEntity { AccountId = account, Symbol = "CL1!", Quantity = 1, AvgPrice = 71.37m, OpenedAt = Today, UpdatedAt = Today });
            await db.SaveChangesAsync();
        }
        Hub.Publish(new OrderIntentChanged(Time.GetUtcNow(), new OrderIntentSnapshot(1, "k", account, null, "CL1!", "buy", 1, "market", "Filled", null, 1, 71.37m, null, Today, Today)));
        Time.Advance(LiveComponentBase.RenderInterval);

        // Assert
        cut.WaitForAssertion(() => Assert.Contains("CL1!", cut.Markup), Wait);
    }

    [Fact]
    public async Task WorkingOrders_ListsOnlyOrdersStillOpen_EachWithACancel()
    {
        // Arrange: a resting limit, and a filled order that must not show
        var account = await SeedAccountAsync("Paper demo");
        await using (var db = Services.GetRequiredService<ComponentTestDatabase>().CreateDbContext())
        {
            db.OrderIntents.Add(new OrderIntentEntity { IdempotencyKey = "rest", AccountId = account, Source = "manual", Ticker = "CL1!", Action = OrderAction.Buy,
                Quantity = 1, Type = OrderType.Limit, LimitPrice = 60m, Status = OrderIntentStatus.Submitted, CreatedAt = Today, UpdatedAt = Today });
            db.OrderIntents.Add(new OrderIntentEntity { IdempotencyKey = "done", AccountId = account, Source = "manual", Ticker = "ES1!", Action = OrderAction.Sell,
                Quantity = 1, Type = OrderType.Market, Status = OrderIntentStatus.Filled, CreatedAt = Today, UpdatedAt = Today });
            await db.SaveChangesAsync();
        }

        // Act
        var cut = Render<WorkingOrders>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=order-cancel]")), Wait);
        await cut.Find("[data-testid=order-cancel]").ClickAsync(new());

        // Assert: in exchange time, priced to the tick, named by account
        var row = cut.Find("[data-testid=working-orders] tbody tr").TextContent;
        Assert.Contains("buy 1 CL1! limit 60.00", row);
        Assert.Contains("Paper demo", row);
        Assert.Contains("11-20 09:30:00 ET", row);
        Assert.DoesNotContain("ES1!", cut.Markup);
        Assert.Equal(["cancel 1"], _actions.Calls);
    }

    [Fact]
    public async Task DayPnl_SetsTheAccountBesideItsRecorder_AndShowsTheSlippage()
    {
        // Arrange: the recorder booked +$8.25 at signal prices; its copy on the account filled 0.75 worse (+$6.75)
        var account = await SeedAccountAsync("Paper demo");
        await using (var db = Services.GetRequiredService<ComponentTestDatabase>().CreateDbContext())
        {
            var recorder = new RecorderEntity { Name = "MNQ scalper", WebhookTokenHash = "h", Accounts = [new AccountLink { AccountId = account, Multiplier = 1 }] };
            db.Recorders.Add(recorder);
            await db.SaveChangesAsync();
            db.Positions.Add(new PositionEntity
            {
                RecorderId = recorder.Id, Ticker = "MNQ1!", Side = "long", Status = TradeStatus.Closed, OpenedAt = Today, ClosedAt = Today,
                Trades = [new TradeEntity { RecorderId = recorder.Id, Ticker = "MNQ1!", Side = "long", Quantity = 1, EntryPrice = 21500m, ExitPrice = 21504.125m,
                    RealizedPnl = 8.25m, Status = TradeStatus.Closed, OpenedAt = Today, ClosedAt = Today }],
            });
            db.OrderIntents.Add(new OrderIntentEntity { IdempotencyKey = "copy-out", AccountId = account, RecorderId = recorder.Id, Source = "webhook", Ticker = "MNQ1!",
                Action = OrderAction.Sell, Quantity = 1, Type = OrderType.Market, Status = OrderIntentStatus.Filled, RealizedPnl = 6.75m,
                CreatedAt = Today, UpdatedAt = Today, LastFillAt = Today });
            await db.SaveChangesAsync();
        }

        // Act
        var cut = Render<DayPnlTable>();

        // Assert
        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("[data-testid=day-pnl] tbody tr");
            Assert.Equal(2, rows.Count);
            Assert.Contains("MNQ scalper", rows[0].TextContent);
            Assert.Equal("+$8.25", rows[0].QuerySelector("[data-testid=day-realized]")!.TextContent);
            Assert.Equal("—", rows[0].QuerySelector("[data-testid=day-slippage]")!.TextContent);
            Assert.Equal("+$6.75", rows[1].QuerySelector("[data-testid=day-realized]")!.TextContent);
            Assert.Equal("-$1.50", rows[1].QuerySelector("[data-testid=day-slippage]")!.TextContent);
        }, Wait);
    }

    [Theory]
    [InlineData("1", "7.00", "-1.25")]    // a 1x copy that realized $7.00 against the recorder's $8.25
    [InlineData("2", "16.50", "0")]       // a 2x copy that filled at the signal prices
    public void Slippage_IsTheCopysRealized_MinusTheRecordersTimesTheMultiplier(string multiplierText, string copiedText, string expectedText)
    {
        var (multiplier, copied, expected) = (Dec(multiplierText), Dec(copiedText), Dec(expectedText));
        var recorder = new RecorderEntity { Id = 3, Name = "r", WebhookTokenHash = "h", Accounts = [new AccountLink { AccountId = 7, Multiplier = multiplier }] };

        var rows = DayPnl.Rows([recorder], new Dictionary<long, decimal> { [3] = 8.25m }, new Dictionary<long, decimal>(),
            [new AccountDay(7, "acct", copied + 100m, new Dictionary<long, decimal> { [3] = copied })], new Dictionary<long, decimal>());

        Assert.Equal(expected, rows.Single(r => r.Kind == PositionKind.Account).Slippage);
        Assert.Equal(copied + 100m, rows.Single(r => r.Kind == PositionKind.Account).RealizedToday);   // manual trades count in the total, not in the slippage
    }

    private static decimal Dec(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
