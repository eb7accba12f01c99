using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorTrader.Engine.Book;

/// <summary>
/// One write transaction of the engine: the changes of one command, or of a group of commands committed together
/// (group commit). Handlers stage rows in <see cref="Db"/> (each SaveChanges runs under an automatic savepoint, so a
/// UNIQUE-index backstop hit undoes only that step) and register what may happen only once the changes are durable:
/// publishing events, settling the book, sending orders to brokers.
/// </summary>
internal sealed class Journal : IAsyncDisposable
{
    private readonly List<Action> _afterCommit = [];
    private readonly IDbContextTransaction _transaction;

    private readonly Action<Exception> _reportAfterCommitFailure;

    private Journal(TradingDbContext db, IDbContextTransaction transaction, Action<Exception> reportAfterCommitFailure)
    {
        Db = db;
        _transaction = transaction;
        _reportAfterCommitFailure = reportAfterCommitFailure;
    }

    public TradingDbContext Db { get; }

    /// <summary>The hot path's rows (signals, positions, trades), written without change tracking.</summary>
    public RowWriter Rows => _rows ??= new RowWriter(Db);

    private RowWriter? _rows;

    /// <param name="savepoints">False where a failed step fails the whole journal (broker reports): no savepoint per save then.</param>
    public static async Task<Journal> BeginAsync(IDbContextFactory<TradingDbContext> factory, Action<Exception> reportAfterCommitFailure,
        CancellationToken ct, bool savepoints = true)
    {
        var db = await factory.CreateDbContextAsync(ct);
        db.Database.AutoSavepointsEnabled = savepoints;
        try
        {
            return new Journal(db, await db.Database.BeginTransactionAsync(ct), reportAfterCommitFailure);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs after the commit, in registration order.</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>
    /// Runs right before the commit, once per <paramref name="key"/> however many steps ask: a figure over what the whole
    /// group changed (the paper venue's resting orders) is read once, not once per step.
    /// </summary>
    public void BeforeCommit(object key, Func<CancellationToken, Task> step) => _beforeCommit.TryAdd(key, step);

    private readonly Dictionary<object, Func<CancellationToken, Task>> _beforeCommit = [];

    public async Task CommitAsync(CancellationToken ct)
    {
        foreach (var step in _beforeCommit.Values) await step(ct);
        await Db.SaveChangesAsync(ct);
        await _transaction.CommitAsync(ct);
        // Durable now: whatever fails below must not make the caller think the changes were lost (and apply them again).
        foreach (var action in _afterCommit)
        {
            try { action(); }
            catch (Exception ex) { _reportAfterCommitFailure(ex); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await Db.DisposeAsync();
    }
}
