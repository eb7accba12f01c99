using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorTrader.Engine.Persistence;

/// <summary>
/// The engine's hot-path writes (a webhook's signal, position and trade rows; a broker report's intent): one INSERT or
/// UPDATE per row, built once per transaction from the EF model (the same tables, columns and value conversions EF
/// writes) and reused for every row of a group commit, on the transaction's own connection. JSON columns (owned types)
/// are not written: an UPDATE leaves them as they are. SaveChanges spends most of a signal's time in change
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
        var sql = Shapes.GetOrAdd((db.Model, type, shape), k => Shape.Build(db, k.Entity, k.Shape, conflictColumn));
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql.Text;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("the engine's rows are written inside its journal's transaction");
        var statement = new Statement(command, sql);
        _statements[(type, shape)] = statement;
        return statement;
    }

    /// <summary>
    /// A statement's SQL and columns, worked out from the model once per process (the model does not change); each
    /// transaction only makes a command of it.
    /// </summary>
    private static readonly ConcurrentDictionary<(IModel Model, Type Entity, string Shape), Shape> Shapes = new();

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, string Name)
    {
        public IClrPropertyGetter Getter { get; } = Property.GetGetter();
    }

    private sealed record Shape(string Text, IReadOnlyList<Column> Columns, IProperty Key)
    {
        public static Shape Build(DbContext db, Type type, string shape, string? conflictColumn)
        {
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
            return new Shape(text, columns, key);
        }
    }

    private sealed class Statement(DbCommand command, Shape shape)
    {
        public DbCommand Command { get; } = command;
        public IProperty Key => shape.Key;

        /// <summary>
        /// The parameters are made once by the type mapping (EF's provider type, size and conversions: UTC dates, JSON,
        /// enums, decimals); later rows only set their values, converted the same way.
        /// </summary>
        public void Bind(object entity)
        {
            var columns = shape.Columns;
            var parameters = Command.Parameters;
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                var value = column.Getter.GetClrValue(entity);
                if (i == parameters.Count)
                {
                    parameters.Add(column.Mapping.CreateParameter(Command, $"@p{i}", value, column.Property.IsNullable));
                    continue;
                }
                if (value is not null && column.Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                parameters[i].Value = value ?? DBNull.Value;
            }
        }
    }
}
