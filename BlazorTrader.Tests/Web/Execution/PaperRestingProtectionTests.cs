using BlazorTrader.Engine.Execution.Protection;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution;

/// <summary>
/// Issue 15, "the paper venue holds them the same way": a paper account with <c>restProtection</c> gets a copied position's
/// stop and targets as resting GTC orders in one OCA group at the venue (MNQ long 2 @ 21500: STP 21498, LMT 21502.50 and
/// 21505, from TP 10/20 ticks at 50/50 and SL 8 ticks), moved by modify, and exactly one exit when the stop is hit.
/// </summary>
public class PaperRestingProtectionTests
{
    private static async Task<(ExecutionAppFactory App, long Account, HttpClient Client, string Path)> StartAsync()
    {
        var app = new ExecutionAppFactory();
        await app.ReadyAsync();
        var account = await app.CreateAccountAsync("Paper resting", settings: new { restProtection = "true" });
        var (_, path) = await app.CreateRecorderAsync(new
        {
            name = "protected", initialPositionSize = 2, tpUnits = "Ticks",
            tpTargets = new[] { new { value = 10, trim = 50 }, new { value = 20, trim = 50 } },
            slEnabled = true, slAmount = 8, slUnits = "Ticks", accounts = new[] { new { accountId = account, multiplier = 1m } },
        });
        var client = app.ApiClient();
        app.Services.GetRequiredService<TickConflator>().Publish(Tick.At1("MNQ1!", 21500m, DateTimeOffset.UtcNow));
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");
        await ExecutionAppFactory.EventuallyAsync(async () => (await RestingAsync(app, account)).Count == 3, "the stop and two targets to rest at the venue");
        return (app, account, client, path);
    }

    private static Task<List<PaperOrderEntity>> RestingAsync(ExecutionAppFactory app, long account) => app.DbAsync(db => db.PaperOrders.AsNoTracking()
        .Where(o => o.AccountId == account && o.Status == PaperOrderStatus.Working && o.ClientOrderRef.StartsWith(ProtectionPlan.RefPrefix))
        .OrderBy(o => o.Type == BlazorTrader.Engine.Commands.OrderType.Stop ? 0 : 1).ThenBy(o => o.LimitPrice).ToListAsync());

    [Fact]
    public async Task EntryFill_RestsTheStopAndTargets_InOneOcaGroup_AtTheRecordersLevels()
    {
        // Arrange + Act
        var (app, account, client, _) = await StartAsync();
        await using var _app = app;
        using var _client = client;

        // Assert
        var resting = await RestingAsync(app, account);
        Assert.Equal([(BlazorTrader.Engine.Commands.OrderType.Stop, 2m, (decimal?)21498m), (BlazorTrader.Engine.Commands.OrderType.Limit, 1m, 21502.5m),
            (BlazorTrader.Engine.Commands.OrderType.Limit, 1m, 21505m)],
            resting.Select(o => (o.Type, o.Quantity, o.Type == BlazorTrader.Engine.Commands.OrderType.Stop ? o.StopPrice : o.LimitPrice)));
        Assert.Single(resting.Select(o => o.OcoGroup).Distinct());
        Assert.All(resting, o => Assert.Equal(BlazorTrader.Engine.Commands.OrderAction.Sell, o.Action));
    }

    [Fact]
    public async Task BreakEven_ModifiesTheVenuesStop_InPlace()
    {
        // Arrange
        var (app, account, client, path) = await StartAsync();
        await using var _app = app;
        using var _client = client;
        var stop = (await RestingAsync(app, account))[0];
        // The price a tick above the entry: a sell stop moved to 21500 with the last trade at 21500 is already touched and would
        // fill (at the venue and by the recorder's own stop), leaving nothing resting to look at.
        app.Services.GetRequiredService<TickConflator>().Publish(Tick.At1("MNQ1!", 21501m, DateTimeOffset.UtcNow));
        await ExecutionAppFactory.EventuallyAsync(() => Task.FromResult(app.Services.GetRequiredService<PriceCache>().TryGet("MNQ1!", out var q) && q.Price == 21501m),
            "the tick above the entry to be priced");

        // Act
        await client.PostWebhookAsync(path, """{"action":"breakeven","ticker":"MNQ1!"}""");

        // Assert: the same order (same reference) now stops at the entry (the keeper follows moved stops on the engine's heartbeat)
        await ExecutionAppFactory.EventuallyAsync(async () =>
        {
            app.Time.Advance(TimeSpan.FromMilliseconds(250));
            return (await RestingAsync(app, account)).FirstOrDefault()?.StopPrice == 21500m;
        }, "the stop to move to the entry");
        var moved = (await RestingAsync(app, account))[0];
        Assert.Equal((stop.Id, stop.ClientOrderRef), (moved.Id, moved.ClientOrderRef));
    }

    [Fact]
    public async Task StopHit_TheVenuesStopAndTheEnginesExitRace_TheAccountEndsFlatOnce()
    {
        // Arrange
        var (app, account, client, _) = await StartAsync();
        await using var _app = app;
        using var _client = client;

        // Act: the price falls through the stop; the recorder's own stop fires on the same tick
        app.Services.GetRequiredService<TickConflator>().Publish(Tick.At1("MNQ1!", 21497m, DateTimeOffset.UtcNow));

        // Assert: flat at the engine's book and at the venue, 2 contracts sold in all, nothing left working
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).Count == 0, "the account to be flat");
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.PaperOrders.CountAsync(o => o.AccountId == account && o.Status == PaperOrderStatus.Working)) == 0,
            "nothing left working");
        Assert.Empty(await app.BrokerPositionsAsync(account));
        var sold = await app.DbAsync(db => db.PaperExecutions.Where(e => e.AccountId == account && e.Action == BlazorTrader.Engine.Commands.OrderAction.Sell).SumAsync(e => e.Quantity));
        Assert.Equal(2m, sold);
        Assert.Empty(await app.DbAsync(db => db.Positions.Where(p => p.Status == "open").ToListAsync()));
    }
}
