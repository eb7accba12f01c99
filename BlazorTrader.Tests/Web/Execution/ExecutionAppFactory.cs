using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Web.Execution;

/// <summary>
/// The real app on SQLite with a <see cref="FakeTimeProvider"/> as its clock, optionally on a given data directory
/// (a restart is a second factory on the first one's directory) and with a broker decorator (fault injection).
/// </summary>
public sealed class ExecutionAppFactory : AppFactory
{
    /// <summary>Wednesday 18:30 in New York: midnight UTC comes before the exchange date changes.</summary>
    public static readonly DateTimeOffset WednesdayEvening = new(2026, 11, 18, 23, 30, 0, TimeSpan.Zero);

    private readonly IBrokerDecorator? _decorator;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">More test services (e.g. a notifier or a Hangfire filter), registered last.</param>
    /// <param name="settings">More configuration (e.g. InteractiveBrokers:*).</param>
    public ExecutionAppFactory(string? dataDirectory = null, IBrokerDecorator? decorator = null, DateTimeOffset? start = null,
        Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null)
        : base(Settings(dataDirectory, settings))
    {
        Data = dataDirectory ?? DataDirectory;
        _decorator = decorator;
        _services = services;
        Time = new CountingTimeProvider(start ?? WednesdayEvening);
    }

    public CountingTimeProvider Time { get; }

    /// <summary>The shared data directory of a restart, the login of <see cref="LoginTests"/> for page tests, and any extra settings.</summary>
    private static Dictionary<string, string?> Settings(string? dataDirectory, IDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["BlazorTrader:AdminUser"] = "trader",
            ["BlazorTrader:AdminPassword"] = LoginTests.Password,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        if (dataDirectory is not null) settings["BlazorTrader:DataDirectory"] = dataDirectory;
        return settings;
    }

    /// <summary>The directory this app's database lives in (shared by a restarted app).</summary>
    public string Data { get; }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Time);
        if (_decorator is not null) services.AddSingleton(_decorator);
        _services?.Invoke(services);
    }

    /// <summary>The engine loads state, creates the default account and reconciles before it reads commands; wait for that.</summary>
    public async Task ReadyAsync()
    {
        var engine = Services.GetRequiredService<BlazorTrader.Engine.ITradingEngine>();
        await EventuallyAsync(() => Task.FromResult(engine.IsReady), "the engine to start");
    }

    public async Task<T> DbAsync<T>(Func<TradingDbContext, Task<T>> query)
    {
        await ReadyAsync();
        await using var db = await Services.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async Task<long> PaperAccountIdAsync()
    {
        await ReadyAsync();
        using var client = ApiClient();
        var list = await client.GetJsonAsync("/api/accounts");
        return list.GetProperty("items").EnumerateArray().First(a => a.GetProperty("name").GetString() == "Paper").GetProperty("id").GetInt64();
    }

    public async Task<long> CreateAccountAsync(string name, string broker = "Paper", object? settings = null, object? limits = null)
    {
        using var client = ApiClient();
        var response = await client.PostAsJsonAsync("/api/accounts", new { name, broker, enabled = true, settings, limits });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public async Task<(int Status, JsonElement Body)> PlaceOrderAsync(object body)
    {
        using var client = ApiClient();
        using var response = await client.PostAsJsonAsync("/api/orders", body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    /// <summary>The account's positions as its broker reports them: symbol -> signed quantity.</summary>
    public async Task<Dictionary<string, decimal>> BrokerPositionsAsync(long accountId)
    {
        using var client = ApiClient();
        var json = await client.GetJsonAsync($"/api/accounts/{accountId}/positions");
        return json.GetProperty("items").EnumerateArray().ToDictionary(p => p.GetProperty("symbol").GetString()!, p => p.GetProperty("quantity").GetDecimal());
    }

    /// <summary>The engine's book of the account: symbol -> signed quantity, flat symbols left out.</summary>
    public Task<Dictionary<string, decimal>> BookAsync(long accountId) => DbAsync(async db =>
        (await db.AccountPositions.AsNoTracking().Where(p => p.AccountId == accountId && p.Quantity != 0).ToListAsync())
            .ToDictionary(p => p.Symbol, p => p.Quantity));

    /// <summary>Waits (real time, bounded) for the engine's asynchronous steps: broker answers and fills come back as commands.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);   // a busy CI machine runs the whole suite on 2 cores
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }
}

/// <summary>Forwards everything to the real broker; subclasses override what they break.</summary>
public class DelegatingBroker(IBroker inner) : IBroker
{
    protected IBroker Inner => inner;
    public long AccountId => inner.AccountId;
    public BrokerConnectionState ConnectionState => inner.ConnectionState;
    public Task ConnectAsync(CancellationToken ct) => inner.ConnectAsync(ct);
    public virtual Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest request, CancellationToken ct) => inner.PlaceOrderAsync(request, ct);
    public Task<PlaceOrderResponse> ModifyOrderAsync(ModifyOrderRequest request, CancellationToken ct) => inner.ModifyOrderAsync(request, ct);
    public bool RestsProtection => inner.RestsProtection;
    public virtual Task<CancelOrderResponse> CancelOrderAsync(CancelOrderRequest request, CancellationToken ct) => inner.CancelOrderAsync(request, ct);
    public Task<IReadOnlyList<BrokerOrder>> GetOpenOrdersAsync(CancellationToken ct) => inner.GetOpenOrdersAsync(ct);
    public Task<IReadOnlyList<BrokerExecution>> GetExecutionsAsync(DateTime sinceUtc, CancellationToken ct) => inner.GetExecutionsAsync(sinceUtc, ct);
    public virtual Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken ct) => inner.GetPositionsAsync(ct);
    public Task<AccountSummary> GetAccountSummaryAsync(CancellationToken ct) => inner.GetAccountSummaryAsync(ct);
    public virtual IDisposable Subscribe(Action<BrokerEvent> handler) => inner.Subscribe(handler);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>The process "dies" after the intent is persisted: the placement never reaches the broker.</summary>
public sealed class NeverSubmitDecorator : IBrokerDecorator
{
    public int Attempts;

    public IBroker Decorate(IBroker broker) => new Hanging(broker, this);

    private sealed class Hanging(IBroker inner, NeverSubmitDecorator owner) : DelegatingBroker(inner)
    {
        public override async Task<PlaceOrderResponse> PlaceOrderAsync(PlaceOrderRequest request, CancellationToken ct)
        {
            Interlocked.Increment(ref owner.Attempts);
            await Task.Delay(Timeout.Infinite, ct);
            throw new OperationCanceledException();
        }
    }
}

/// <summary>The process "dies" after the broker filled: fill reports never reach the engine.</summary>
public sealed class LoseFillReportsDecorator : IBrokerDecorator
{
    public IBroker Decorate(IBroker broker) => new Deaf(broker);

    private sealed class Deaf(IBroker inner) : DelegatingBroker(inner)
    {
        public override IDisposable Subscribe(Action<BrokerEvent> handler) => Inner.Subscribe(e =>
        {
            if (e is OrderStatusReported { Status: BrokerOrderStatus.Filled or BrokerOrderStatus.PartiallyFilled }) return;
            handler(e);
        });
    }
}

/// <summary>A fake clock that counts the timers made on it: a wait loop that does not wait shows up as thousands.</summary>
public sealed class CountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _timers;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timers);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
