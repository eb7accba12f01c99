using BenchmarkDotNet.Attributes;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Book;
using BlazorTrader.Engine.Handlers;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Signals;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Bench;

/// <summary>
/// The engine's signal path without HTTP: one group commit of <see cref="Group"/> webhook signals (alternating buy and
/// sell, so each opens or closes a position) through <c>SignalHandler</c> on a SQLite file, against the ceiling of the
/// same number of bare prepared INSERTs of a signal-sized row in one transaction on the same kind of file.
/// One benchmark operation is one signal.
/// </summary>
[MemoryDiagnoser]
public class SignalGroupBenchmarks
{
    private const int Group = 256;
    private ServiceProvider _services = null!;
    private SignalHandler _handler = null!;
    private WebhookPayloadParser _parser = null!;
    private string _tokenHash = "";
    private string _directory = "";
    private SqliteConnection _bare = null!;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("bt-bench-signals-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BlazorTrader:DataDirectory"] = _directory,
            ["MarketData:Source"] = "None",
        }).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPersistence(configuration).AddTradingEngine(configuration);
        _services = services.BuildServiceProvider();
        using (var db = _services.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContext())
        {
            db.Database.OpenConnection();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
            db.Database.Migrate();
        }
        var created = _services.GetRequiredService<RecorderHandler>()
            .CreateAsync(new CreateRecorder(new RecorderDraft { Name = "bench" }), CancellationToken.None).GetAwaiter().GetResult();
        _tokenHash = _services.GetRequiredService<TradingBook>().Recorder(created.Id)!.WebhookTokenHash;
        _handler = _services.GetRequiredService<SignalHandler>();
        _parser = _services.GetRequiredService<WebhookPayloadParser>();

        _bare = new SqliteConnection($"Data Source={Path.Combine(_directory, "bare.db")}");
        _bare.Open();
        Execute("PRAGMA journal_mode=WAL; CREATE TABLE rows (Id INTEGER PRIMARY KEY, RecorderId INTEGER, ReceivedAt TEXT, Action TEXT, " +
            "Ticker TEXT, Price TEXT, Quantity TEXT, Status TEXT, RawPayload TEXT, IdempotencyKey TEXT UNIQUE, PayloadHash TEXT);");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Group, Description = "bare SQLite: prepared INSERT of a signal-sized row, one transaction")]
    public void BareSqliteInserts()
    {
        using var transaction = _bare.BeginTransaction();
        using var insert = _bare.CreateCommand();
        insert.CommandText = "INSERT INTO rows (RecorderId, ReceivedAt, Action, Ticker, Price, Quantity, Status, RawPayload, IdempotencyKey, PayloadHash) " +
            "VALUES (1, $at, 'buy', 'MNQ1!', '21500.25', '1', 'Accepted', $body, $key, $hash) RETURNING Id";
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var hash = insert.Parameters.Add("$hash", SqliteType.Text);
        insert.Prepare();
        for (var i = 0; i < Group; i++)
        {
            var n = ++_sequence;
            at.Value = DateTime.UtcNow.ToString("O");
            body.Value = Body(n);
            key.Value = $"bare-{n}";
            hash.Value = n.ToString("x16");
            insert.ExecuteScalar();
        }
        transaction.Commit();
    }

    [Benchmark(OperationsPerInvoke = Group, Description = "engine: one group commit of 256 signals (decide, position, trades, journal)")]
    public async Task EngineSignalGroup()
    {
        var batch = new ApplySignal[Group];
        for (var i = 0; i < Group; i++)
        {
            var body = Body(++_sequence);
            batch[i] = new ApplySignal(_tokenHash, _parser.Parse(body).Signal!, body, DateTimeOffset.UtcNow);
        }
        await _handler.HandleAsync(batch, () => Task.CompletedTask, CancellationToken.None);
        if (batch[^1].Reply.Task.Result.Status != SignalOutcomeStatus.Accepted) throw new InvalidOperationException("a signal was not accepted");
    }

    private static string Body(long n) =>
        $$"""{"action":"{{(n % 2 == 0 ? "buy" : "sell")}}","ticker":"MNQ1!","price":21500.25,"id":"bench-{{n}}","time":"{{DateTime.UtcNow:O}}"}""";

    private void Execute(string sql)
    {
        using var command = _bare.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bare.Dispose();
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
