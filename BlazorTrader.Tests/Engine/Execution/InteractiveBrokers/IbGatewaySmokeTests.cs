using System.Globalization;
using System.Threading.Channels;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Engine.Instruments;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

/// <summary>Runs only when IB_SMOKE_PORT is set (scripts/ib-smoke.sh): never in CI, it talks to a real paper Gateway.</summary>
public sealed class IbSmokeFactAttribute : FactAttribute
{
    public IbSmokeFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("IB_SMOKE_PORT")))
            Skip = "needs a paper TWS/IB Gateway: run scripts/ib-smoke.sh";
    }
}

/// <summary>The adapter against a user's own paper Gateway: connect, print the accounts, place a limit order far from
/// the market, see it working, cancel it, see it cancelled.</summary>
public class IbGatewaySmokeTests(ITestOutputHelper output)
{
    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;

    [IbSmokeFact]
    [Trait("Category", "IbSmoke")]
    public Task PaperGateway_ConnectPrintAccounts_PlaceAndCancelAFarAwayLimitOrder() =>
        RunSmokeAsync(Env("IB_SMOKE_HOST", "127.0.0.1"), Env("IB_SMOKE_PORT", "4002"));

    /// <summary>The same steps against the fake TWS, so the smoke test itself cannot rot unnoticed.</summary>
    [Fact]
    public async Task SmokeSteps_PassAgainstTheFakeTws()
    {
        await using var fake = Fake.FakeTwsServer.Start();
        await RunSmokeAsync("127.0.0.1", fake.Port.ToString(CultureInfo.InvariantCulture));
        Assert.Empty(fake.Violations);
    }

    private async Task RunSmokeAsync(string host, string port)
    {
        // Arrange
        var settings = new Dictionary<string, string>
        {
            ["host"] = host, ["port"] = port, ["clientId"] = Env("IB_SMOKE_CLIENT_ID", "901"), ["accountCode"] = Env("IB_SMOKE_ACCOUNT", ""),
        };
        var ids = Path.Combine(Path.GetTempPath(), $"bt-ib-smoke-ids-{settings["clientId"]}.txt");
        await using var broker = new InteractiveBrokersBroker(new BrokerAccount(1, "smoke", BrokerKind.InteractiveBrokers, settings),
            new InteractiveBrokersOptions(), new IbContractResolver(InstrumentCatalog.FromConfiguration(null), new Dictionary<string, string>()),
            new FileOrderIdStore(ids), TimeProvider.System, NullLoggerFactory.Instance);
        var events = Channel.CreateUnbounded<BrokerEvent>();
        using var subscription = broker.Subscribe(e => events.Writer.TryWrite(e));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // Act + Assert, step by step, printing what the Gateway says
        await broker.ConnectAsync(timeout.Token);
        await NextAsync<ConnectionChanged>(events.Reader, c => c.State == BrokerConnectionState.Connected, timeout.Token);
        var test = (await broker.TestConnectionAsync(timeout.Token))!;
        output.WriteLine($"server version {test.ServerVersion}, accounts {string.Join(",", test.ManagedAccounts)}: {test.Detail}");
        Assert.NotEmpty(test.ManagedAccounts);

        var symbol = Env("IB_SMOKE_SYMBOL", "AAPL");
        var price = decimal.Parse(Env("IB_SMOKE_LIMIT", "1.00"), CultureInfo.InvariantCulture);
        var reference = $"bt-smoke-{DateTime.UtcNow:yyyyMMddHHmmss}";
        var placed = await broker.PlaceOrderAsync(new PlaceOrderRequest(reference, symbol, OrderAction.Buy, 1, OrderType.Limit, price), timeout.Token);
        output.WriteLine($"placed {reference}: {placed.Result} id {placed.BrokerOrderId} {placed.Reason}");
        Assert.Equal(PlaceOrderResult.Accepted, placed.Result);
        var working = await NextAsync<OrderStatusReported>(events.Reader, s => s.ClientOrderRef == reference, timeout.Token);
        output.WriteLine($"status: {working.Status} {working.Reason}");
        Assert.Equal(BrokerOrderStatus.Working, working.Status);

        var cancel = await broker.CancelOrderAsync(new CancelOrderRequest(reference), timeout.Token);
        Assert.True(cancel.Accepted, cancel.Reason);
        var cancelled = await NextAsync<OrderStatusReported>(events.Reader, s => s.ClientOrderRef == reference && s.Status != BrokerOrderStatus.Working, timeout.Token);
        output.WriteLine($"status: {cancelled.Status}");
        Assert.Equal(BrokerOrderStatus.Cancelled, cancelled.Status);
    }

    private async Task<T> NextAsync<T>(ChannelReader<BrokerEvent> reader, Func<T, bool> match, CancellationToken ct) where T : BrokerEvent
    {
        while (true)
        {
            var e = await reader.ReadAsync(ct);
            if (e is ConnectionChanged c) output.WriteLine($"connection: {c.State} {c.Reason}");
            if (e is T typed && match(typed)) return typed;
        }
    }
}
