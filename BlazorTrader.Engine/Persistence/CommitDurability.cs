using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlazorTrader.Engine.Persistence;

/// <summary>
/// How far a commit must reach before the engine goes on. By default a commit is on disk (SQLite <c>synchronous=FULL</c>):
/// a signal, an intent before it is sent, anything a caller is answered about. What a broker reported (an order's answer,
/// status, fill; the paper venue's own book) is written with <c>synchronous=NORMAL</c>: safe against a crash of the process
/// (the WAL is in the OS), and after a power loss only the latest reports can be missing, never one without those
/// before it (the WAL is a prefix); the broker still holds them and reconciliation at start reads them again. The next
/// default commit syncs those reports too. Measured in bench/README.md ("broker reports at synchronous=NORMAL").
/// </summary>
internal static class CommitDurability
{
    private static readonly AsyncLocal<bool> Reported = new();

    public static bool IsBrokerReport => Reported.Value;

    /// <summary>Runs <paramref name="step"/> as a broker report; async, so the setting ends with the step.</summary>
    public static async Task<T> BrokerReportAsync<T>(Func<Task<T>> step)
    {
        Reported.Value = true;
        return await step();
    }

    public static async Task BrokerReportAsync(Func<Task> step)
    {
        Reported.Value = true;
        await step();
    }
}

/// <summary>Sets each SQLite connection's sync level as it opens (pooled connections keep a PRAGMA, so every open sets it).</summary>
internal sealed class SqliteDurabilityInterceptor : DbConnectionInterceptor
{
    // A page cache of 64 MB and memory-mapped reads (256 MB) per connection: the UNIQUE keys of a long history land on
    // random index pages, which SQLite's default 2 MB cache re-reads from the file on nearly every insert.
    private const string Cache = "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;";
    private const string Full = "PRAGMA synchronous=FULL; " + Cache;
    private const string Normal = "PRAGMA synchronous=NORMAL; " + Cache;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = CommitDurability.IsBrokerReport ? Normal : Full;
        command.ExecuteNonQuery();
    }
}
