using BlazorTrader.Engine.Execution;
using BlazorTrader.Engine.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Execution;

public class CopyTradingTests
{
    [Fact]
    public async Task Signal_FansOutToEachAccount_WithItsMultiplier_AndOneRejectionDoesNotBlockTheOthers()
    {
        // Arrange: multipliers 1, 2 and 0.5 on paper, plus an Interactive Brokers account whose TWS is not running (rejects)
        await using var app = new ExecutionAppFactory();
        var one = await app.PaperAccountIdAsync();
        var two = await app.CreateAccountAsync("Double");
        var half = await app.CreateAccountAsync("Half");
        var ib = await app.CreateAccountAsync("IB live", "InteractiveBrokers", new { host = "127.0.0.1", port = UnusedPort(), clientId = 7, password = "hunter2" });
        var (_, path) = await app.CreateRecorderAsync(new
        {
            name = "copier", initialPositionSize = 3, addPositionSize = 1,
            accounts = new[] { new { accountId = one, multiplier = 1m }, new { accountId = two, multiplier = 2m }, new { accountId = half, multiplier = 0.5m }, new { accountId = ib, multiplier = 1m } },
        });
        using var client = app.ApiClient();

        // Act: open 3, then add 1 (recorder long 4)
        var (_, open) = await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");
        await ExecutionAppFactory.EventuallyAsync(async () => await app.DbAsync(db => db.OrderIntents.CountAsync(i => i.Status == OrderIntentStatus.Filled || i.Status == OrderIntentStatus.Rejected)) == 4, "the first fan-out to settle");
        var (_, add) = await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21510}""");

        // Assert: 3 x (1, 2, 0.5) = 3, 6, 1 (1.5 rounded down); after the add 4 x (1, 2, 0.5) = 4, 8, 2
        Assert.Equal(4, open.GetProperty("intentIds").GetArrayLength());
        Assert.Equal(4, add.GetProperty("intentIds").GetArrayLength());
        // Each paper account fills on its own timer: wait for all three, not only the last one asked.
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BrokerPositionsAsync(half)).GetValueOrDefault("MNQ1!") == 2
            && (await app.BrokerPositionsAsync(one)).GetValueOrDefault("MNQ1!") == 4 && (await app.BrokerPositionsAsync(two)).GetValueOrDefault("MNQ1!") == 8, "the add's fills");
        Assert.Equal(4m, (await app.BrokerPositionsAsync(one))["MNQ1!"]);
        Assert.Equal(8m, (await app.BrokerPositionsAsync(two))["MNQ1!"]);
        Assert.Equal(2m, (await app.BrokerPositionsAsync(half))["MNQ1!"]);
        var rejected = await app.DbAsync(db => db.OrderIntents.Where(i => i.AccountId == ib).ToListAsync());
        Assert.All(rejected, i => Assert.Equal(OrderIntentStatus.Rejected, i.Status));
        Assert.Contains("Interactive Brokers: ", rejected[0].Reason);
        var inApp = app.Services.GetRequiredService<InAppNotifier>();
        await ExecutionAppFactory.EventuallyAsync(() => Task.FromResult(inApp.Recent.Any(n => n.Kind == NotificationKind.OrderRejected)), "the rejection notification");
    }

    [Fact]
    public async Task Close_TakesEveryAccountFlat_WhateverItsRounding()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var one = await app.PaperAccountIdAsync();
        var half = await app.CreateAccountAsync("Half");
        var (_, path) = await app.CreateRecorderAsync(new
        {
            name = "closer", initialPositionSize = 3,
            accounts = new[] { new { accountId = one, multiplier = 1m }, new { accountId = half, multiplier = 0.5m } },
        });
        using var client = app.ApiClient();
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":5000}""");
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(half)).GetValueOrDefault("ES1!") == 1, "the entry fills");

        // Act
        var (_, close) = await client.PostWebhookAsync(path, """{"action":"close","ticker":"ES1!","price":5004}""");

        // Assert
        Assert.Equal(2, close.GetProperty("intentIds").GetArrayLength());
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(one)).Count == 0 && (await app.BookAsync(half)).Count == 0, "both flat");
        Assert.Empty(await app.BrokerPositionsAsync(one));
        Assert.Empty(await app.BrokerPositionsAsync(half));
    }

    [Fact]
    public async Task TickDrivenTakeProfit_OnTheRecorder_TrimsEveryLinkedAccount_Once()
    {
        // Arrange: MNQ long 4 with TP 10 ticks (50%) and 20 ticks (50%); accounts at 1x and 0.5x
        await using var app = new ExecutionAppFactory();
        var one = await app.PaperAccountIdAsync();
        var half = await app.CreateAccountAsync("Half");
        var (_, path) = await app.CreateRecorderAsync(new
        {
            name = "tp copier", initialPositionSize = 4, tpUnits = "Ticks",
            tpTargets = new[] { new { value = 10, trim = 50 }, new { value = 20, trim = 50 } },
            accounts = new[] { new { accountId = one, multiplier = 1m }, new { accountId = half, multiplier = 0.5m } },
        });
        using var client = app.ApiClient();
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(half)).GetValueOrDefault("MNQ1!") == 2, "the entries");
        var ticks = app.Services.GetRequiredService<BlazorTrader.Engine.MarketData.TickConflator>();

        // Act: TP1 (21502.50) is touched, twice
        ticks.Publish(BlazorTrader.Engine.MarketData.Tick.At1("MNQ1!", 21502.5m, DateTimeOffset.UtcNow));
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(half)).GetValueOrDefault("MNQ1!") == 1, "the half account trimmed");
        ticks.Publish(BlazorTrader.Engine.MarketData.Tick.At1("MNQ1!", 21502.5m, DateTimeOffset.UtcNow));

        // Assert: recorder 4 -> 2, so 1x goes 4 -> 2 and 0.5x goes 2 -> 1
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(one)).GetValueOrDefault("MNQ1!") == 2, "the 1x account trimmed");
        Assert.Equal(2m, (await app.BrokerPositionsAsync(one))["MNQ1!"]);
        Assert.Equal(1m, (await app.BrokerPositionsAsync(half))["MNQ1!"]);
        Assert.Equal(2, await app.DbAsync(db => db.OrderIntents.CountAsync(i => i.Source == "exit")));
    }

    [Fact]
    public async Task RealAccountSettings_AreEncrypted_AndNeverEchoed()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();

        // Act
        var id = await app.CreateAccountAsync("IB", "InteractiveBrokers", new { host = "10.0.0.5", password = "hunter2" });
        using var client = app.ApiClient();
        var text = await client.GetStringAsync($"/api/accounts/{id}");
        var stored = await app.DbAsync(db => db.Accounts.SingleAsync(a => a.Id == id));

        // Assert
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("10.0.0.5", text);
        Assert.True(stored.SettingsProtected);
        Assert.DoesNotContain("hunter2", stored.Settings);
        Assert.True(Directory.EnumerateFiles(Path.Combine(app.Data, "keys")).Any());
    }

    private static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
