using BlazorTrader.Engine;
using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Handlers;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Signals;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Book;

/// <summary>
/// The engine's services without a host or HTTP: an in-memory SQLite store (kept alive by one open connection), a
/// fake clock, and the handlers called directly, as the engine loop calls them.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly SqliteConnection _keepAlive;
    private readonly ServiceProvider _services;
    private readonly string _data = Directory.CreateTempSubdirectory("bt-engine-").FullName;

    public EngineHarness()
    {
        var connection = $"Data Source=engine-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        _keepAlive = new SqliteConnection(connection);
        _keepAlive.Open();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BlazorTrader:DataDirectory"] = _data,
            ["ConnectionStrings:Default"] = connection,
            ["MarketData:Source"] = "None",
        }).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPersistence(configuration).AddTradingEngine(configuration);
        _services = services.BuildServiceProvider();
        using var db = Db();
        db.Database.Migrate();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 18, 15, 0, 0, TimeSpan.Zero));

    public TradingBook Book => _services.GetRequiredService<TradingBook>();

    public BlazorTrader.Engine.MarketData.ISymbolDemand Demand => _services.GetRequiredService<BlazorTrader.Engine.MarketData.ISymbolDemand>();

    public TradingDbContext Db() => _services.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContext();

    /// <summary>What the engine does at start (and after a failed commit): the book read from its journal.</summary>
    public async Task LoadBookAsync()
    {
        await using var db = Db();
        await _services.GetRequiredService<BookLoader>().LoadAsync(db, CancellationToken.None);
        _services.GetRequiredService<LiveBookSync>().RebuildAll();
    }

    public async Task<(long Id, string TokenHash)> CreateRecorderAsync(RecorderDraft draft)
    {
        var created = await _services.GetRequiredService<RecorderHandler>().CreateAsync(new CreateRecorder(draft), CancellationToken.None);
        return (created.Id, Book.Recorder(created.Id)!.WebhookTokenHash);
    }

    public ApplySignal Signal(string tokenHash, string body)
    {
        var (signal, error) = _services.GetRequiredService<WebhookPayloadParser>().Parse(body);
        Assert.Null(error);
        return new ApplySignal(tokenHash, signal!, body, Time.GetUtcNow());
    }

    /// <summary>One group commit of <paramref name="batch"/>, as the engine loop runs it; the answers in order.</summary>
    public async Task<IReadOnlyList<SignalOutcome>> CommitAsync(params ApplySignal[] batch)
    {
        await _services.GetRequiredService<SignalHandler>().HandleAsync(batch, LoadBookAsync, CancellationToken.None);
        var answers = new List<SignalOutcome>();
        foreach (var command in batch) answers.Add(await command.Reply.Task);
        return answers;
    }

    public BlazorTrader.Engine.Events.EngineEventHub Events => _services.GetRequiredService<BlazorTrader.Engine.Events.EngineEventHub>();

    /// <summary>An enabled paper account (default settings: no latency, no slippage); its id.</summary>
    public async Task<long> AddPaperAccountAsync(string name = "copy")
    {
        await using var db = Db();
        var account = new AccountEntity { Name = name, Broker = BrokerKind.Paper, Enabled = true, Settings = "{}" };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    /// <summary>Creates the brokers of the enabled accounts, as the engine does at start and after an account changes.</summary>
    public async Task SyncBrokersAsync()
    {
        await using var db = Db();
        await _services.GetRequiredService<BlazorTrader.Engine.Execution.Brokers.BrokerRegistry>().SyncAsync(db, CancellationToken.None);
    }

    /// <summary>One group commit of broker reports, as the engine loop runs the reports queued together.</summary>
    public Task ReportAsync(params IBrokerReport[] batch) =>
        _services.GetRequiredService<BlazorTrader.Engine.Execution.ExecutionDispatcher>().HandleReportsAsync(batch, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _keepAlive.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
