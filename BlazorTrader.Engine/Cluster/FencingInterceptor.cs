using System.Data.Common;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Cluster;

/// <summary>
/// Fences every write this instance makes while it leads. Right before each transaction commits, it reads the stored
/// epoch in that transaction (on PostgreSQL <c>FOR SHARE</c>, so a new leader's claim waits until this commit is over)
/// and compares it with the lease's: a newer epoch means another instance leads, so the commit is refused with
/// <see cref="LeadershipLostException"/> (the transaction rolls back) and the lease is marked lost, which stops the engine.
/// A lease already known lost refuses at once. SaveChanges always runs in a transaction while fenced (EF would skip it
/// for one statement), and a bulk statement outside any transaction is checked just before it runs.
/// Invariant built on this: orders go to a broker only after their intent is committed, so a stale leader's orders never
/// leave it; the paper broker's fills are themselves fenced writes.
/// On SQLite the lock file already excludes a second leader; the check still runs (a local read) and stays tested.
/// </summary>
public sealed partial class FencingInterceptor(EngineFence fence, PersistenceSettings settings, ILogger<FencingInterceptor> log)
    : IDbTransactionInterceptor, ISaveChangesInterceptor, IDbCommandInterceptor
{
    private readonly string _checkSql = settings.Provider == DatabaseProvider.Postgres
        ? """SELECT "Epoch" FROM "engine_leader" WHERE "Id" = 1 FOR SHARE"""
        : """SELECT "Epoch" FROM "engine_leader" WHERE "Id" = 1""";

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        RequireTransaction(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        RequireTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (fence.Current is { } lease) Compare(lease, Check(lease, transaction.Connection!, transaction));
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (fence.Current is { } lease) Compare(lease, await CheckAsync(lease, transaction.Connection!, transaction, cancellationToken));
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (command.Transaction is null && fence.Current is { } lease) Compare(lease, Check(lease, command.Connection!, null));
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null && fence.Current is { } lease)
            Compare(lease, await CheckAsync(lease, command.Connection!, null, cancellationToken));
        return result;
    }

    private void RequireTransaction(DbContext? context)
    {
        if (context is null || fence.Current is not { } lease) return;
        lease.ThrowIfLost();
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    private object? Check(EngineLease lease, DbConnection connection, DbTransaction? transaction)
    {
        lease.ThrowIfLost();
        using var command = Command(connection, transaction);
        return command.ExecuteScalar();
    }

    private async Task<object?> CheckAsync(EngineLease lease, DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        lease.ThrowIfLost();
        await using var command = Command(connection, transaction);
        return await command.ExecuteScalarAsync(ct);
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _checkSql;
        return command;
    }

    private void Compare(EngineLease lease, object? stored)
    {
        var epoch = stored is null or DBNull ? (long?)null : Convert.ToInt64(stored, System.Globalization.CultureInfo.InvariantCulture);
        if (epoch == lease.Epoch) return;
        var reason = epoch is null ? "the leader row is gone" : $"another instance leads under epoch {epoch}";
        lease.MarkLost(reason);
        WriteRefused(log, lease.Epoch, reason);
        throw new LeadershipLostException(reason);
    }

    [LoggerMessage(7003, LogLevel.Warning, "A write under epoch {Epoch} was refused: {Reason}")]
    private static partial void WriteRefused(ILogger logger, long epoch, string reason);
}
