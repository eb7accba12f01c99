using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Strategies.Options;
using BlazorTrader.Engine.Strategies.SpxCalendar;
using BlazorTrader.Tests.Web.Execution;
using BlazorTrader.Tests.Web.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Tests.Web.Strategies;

/// <summary>What the SPX calendar tests share: a calendar strategy on the paper account, its API, and time moved by steps.</summary>
internal static class SpxCalendarApp
{
    /// <summary>Friday 2026-11-20 09:45 in New York (EST).</summary>
    public static readonly DateTimeOffset FridayEntry = new(2026, 11, 20, 14, 45, 0, TimeSpan.Zero);

    public static async Task<(long Account, long Strategy)> CreateCalendarAsync(this ExecutionAppFactory app, object? parameters = null)
    {
        var account = await app.PaperAccountIdAsync();
        var id = await app.CreateStrategyAsync(new
        {
            name = "spx 21/28", kind = "spxDoubleCalendar", account, entryTime = "09:45",
            days = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" }, enabled = true, parameters = parameters ?? new { },
        });
        return (account, id);
    }

    public static async Task<JsonElement> PostJsonAsync(this ExecutionAppFactory app, string path, object? body = null)
    {
        using var client = app.ApiClient();
        using var response = await client.PostAsJsonAsync(path, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> TradesAsync(this ExecutionAppFactory app, long strategy)
    {
        using var client = app.ApiClient();
        return (await client.GetJsonAsync($"/api/strategies/{strategy}/trades")).GetProperty("items");
    }

    /// <summary>Enters now and lets the first attempt fill: the paper broker fills a combo at the model's mid after 10 s of working.</summary>
    public static async Task<JsonElement> EnterAndFillAsync(this ExecutionAppFactory app, long strategy)
    {
        var entry = await app.PostJsonAsync($"/api/strategies/{strategy}/enter");
        Assert.Equal("accepted", entry.GetProperty("status").GetString());
        await app.WorkingAtBrokerAsync($"spxcal:{strategy}:");
        await app.AdvanceAsync(TimeSpan.FromSeconds(11));
        return entry;
    }

    /// <summary>Waits until the paper broker works an order under this key prefix (the clock must not move before it has one).</summary>
    public static Task WorkingAtBrokerAsync(this ExecutionAppFactory app, string keyPrefix) =>
        ExecutionAppFactory.EventuallyAsync(() => app.DbAsync(db =>
            db.PaperOrders.AnyAsync(o => o.ClientOrderRef.StartsWith(keyPrefix) && o.Status == PaperOrderStatus.Working)), $"an order {keyPrefix}... at the broker");

    /// <summary>Moves the fake clock in small steps (timers fire in order), letting the engine work between them.</summary>
    public static async Task AdvanceAsync(this ExecutionAppFactory app, TimeSpan by, TimeSpan? step = null)
    {
        var each = step ?? TimeSpan.FromSeconds(1);
        for (var moved = TimeSpan.Zero; moved < by; moved += each)
        {
            app.Time.Advance(each);
            await Task.Delay(5);
        }
    }
}

/// <summary>Records what reaches the paper broker and can refuse cancels or change the positions it reports (fault injection).</summary>
internal class RecordingDecorator : IBrokerDecorator
{
    public List<PlaceOrderRequest> Placed { get; } = [];
    public Func<CancelOrderRequest, CancelOrderResponse?> CancelOverride { get; set; } = _ => null;
    public Func<IReadOnlyList<BrokerPosition>, IReadOnlyList<BrokerPosition>> Positions { get; set; } = p => p;

    public virtual IBroker Decorate(IBroker broker) => new RecordingBroker(broker, this);

    public IReadOnlyList<PlaceOrderRequest> Combos(string keyPrefix)
    {
        lock (Placed) return [.. Placed.Where(r => r.IsCombo && r.ClientOrderRef.StartsWith(keyPrefix, StringComparison.Ordinal))];
    }

    protected internal class RecordingBroker(IBroker inner, RecordingDecorator owner) : DelegatingBroker(inner)
    {
        public override Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest request, CancellationToken ct)
        {
            lock (owner.Placed) owner.Placed.Add(request);
            return base.PlaceOrderAsync(request, ct);
        }

        public override Task<CancelOrderResponse> CancelOrderAsync(CancelOrderRequest request, CancellationToken ct) =>
            owner.CancelOverride(request) is { } answer ? Task.FromResult(answer) : base.CancelOrderAsync(request, ct);

        public override async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct) => owner.Positions(await base.GetPositionsAsync(ct));
    }
}

/// <summary>The broker's option data is a known chain (deltas and quotes as given), on top of the paper broker.</summary>
internal sealed class KnownChainDecorator(decimal spx, IReadOnlyList<OptionChainQuote> quotes) : RecordingDecorator
{
    public override IBroker Decorate(IBroker broker) => new ChainBroker(broker, this, spx, quotes);

    private sealed class ChainBroker(IBroker inner, RecordingDecorator owner, decimal spx, IReadOnlyList<OptionChainQuote> quotes)
        : RecordingBroker(inner, owner), IOptionChainSource
    {
        public Task<OptionChainSnapshot> GetChainAsync(OptionChainQuery query, CancellationToken ct) => Task.FromResult(new OptionChainSnapshot(spx, quotes));

        public Task<IReadOnlyList<OptionChainQuote>> GetQuotesAsync(IReadOnlyList<string> tickers, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<OptionChainQuote>>([.. quotes.Where(q => tickers.Contains(q.Ticker))]);
    }

    public static OptionChainQuote Quote(OptionRight right, DateOnly expiry, decimal strike, decimal bid, decimal ask, double delta) =>
        new(SpxwTicker.For(right, expiry, strike), right, expiry, strike, bid, ask, delta, 0.16, ConId: 700_000 + (long)strike + (right == OptionRight.Put ? 0 : 50_000));
}
