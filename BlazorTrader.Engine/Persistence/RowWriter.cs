using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorTrader.Engine.Persistence;

/// <summary>
/// The engine's hot-path writes (a webhook's signal, position and trade rows): one INSERT or UPDATE per row, built once
/// per transaction from the EF model (the same tables, columns and value conversions EF writes) and reused for every row
/// of a group commit, on the transaction's own connection. SaveChanges spends most of a signal's time in change
/// tracking and command building; these rows need none of it, the book already knows what changed
/// (bench/README.md, SignalGroupBenchmarks). Commits, fencing and rollbacks stay the <see cref="Book.Journal"/>'s.
/// </summary>
internal sealed class RowWriter(DbContext db)
{
    private readonly Dictionary<(Type Entity, string Shape), Statement> _statements = [];

    /// <summary>Inserts the row and sets its generated id.</summary>
    public async Task InsertAsync<T>(T entity, CancellationToken ct) where T : class =>
        await InsertCoreAsync(entity, conflictColumn: null, ct);

    /// <summary>
    /// Inserts the row unless a row with the same value of the UNIQUE <paramref name="uniqueColumn"/> exists; false then.
    /// No error is raised, so the transaction stays usable on PostgreSQL (an error would abort it).
    /// </summary>
    public Task<bool> InsertUnlessExistsAsync<T>(T entity, string uniqueColumn, CancellationToken ct) where T : class =>
        InsertCoreAsync(entity, uniqueColumn, ct);

    /// <summary>Writes every column of the row (by its id).</summary>
    public async Task UpdateAsync<T>(T entity, CancellationToken ct) where T : class
    {
        var statement = StatementFor(typeof(T), "update", null);
        statement.Bind(entity);
        if (await statement.Command.ExecuteNonQueryAsync(ct) != 1)
            throw new InvalidOperationException($"{typeof(T).Name} {statement.Key.GetGetter().GetClrValue(entity)} is not in the database");
    }

    private async Task<bool> InsertCoreAsync<T>(T entity, string? conflictColumn, CancellationToken ct) where T : class
    {
        var statement = StatementFor(typeof(T), conflictColumn is null ? "insert" : $"insert unless {conflictColumn}", conflictColumn);
        statement.Bind(entity);
        var id = await statement.Command.ExecuteScalarAsync(ct);
        if (id is null or DBNull) return false;
        statement.Key.PropertyInfo!.SetValue(entity, Convert.ChangeType(id, statement.Key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    private Statement StatementFor(Type type, string shape, string? conflictColumn)
    {
        if (_statements.TryGetValue((type, shape), out var cached)) return cached;
        var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var columns = entityType.GetProperties()
            .Where(p => !p.IsShadowProperty() && (p != key || shape == "update"))
            .Select(p => new Column(p, p.GetRelationalTypeMapping(), p.GetColumnName(table)!))
            .ToList();
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        string Param(int i) => $"@p{i}";
        var text = shape == "update"
            ? $"UPDATE {name} SET {string.Join(", ", columns.Select((c, i) => (c, i)).Where(x => x.c.Property != key).Select(x => $"{sql.DelimitIdentifier(x.c.Name)} = {Param(x.i)}"))} " +
              $"WHERE {sql.DelimitIdentifier(key.GetColumnName(table)!)} = {Param(columns.FindIndex(c => c.Property == key))}"
            : $"INSERT INTO {name} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
              $"VALUES ({string.Join(", ", columns.Select((_, i) => Param(i)))})" +
              (conflictColumn is null ? "" : $" ON CONFLICT ({sql.DelimitIdentifier(conflictColumn)}) DO NOTHING") +
              $" RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}";
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = text;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("the engine's rows are written inside its journal's transaction");
        var statement = new Statement(command, columns, key);
        _statements[(type, shape)] = statement;
        return statement;
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, string Name);

    private sealed record Statement(DbCommand Command, IReadOnlyList<Column> Columns, IProperty Key)
    {
        /// <summary>Fresh parameters each time: the type mapping applies EF's conversions (UTC dates, JSON, enums, decimals).</summary>
        public void Bind(object entity)
        {
            Command.Parameters.Clear();
            for (var i = 0; i < Columns.Count; i++)
            {
                var column = Columns[i];
                Command.Parameters.Add(column.Mapping.CreateParameter(Command, $"@p{i}", column.Property.GetGetter().GetClrValue(entity), column.Property.IsNullable));
            }
        }
    }
}
