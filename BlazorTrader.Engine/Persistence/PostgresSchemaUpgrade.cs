using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorTrader.Engine.Persistence;

/// <summary>
/// Brings a PostgreSQL database up to the model. The committed migrations are SQLite's, so PostgreSQL gets its schema from
/// the model itself: whatever table, column or index the model has and the database lacks is created. That covers every
/// change this project makes to its schema (it only adds); a rename or a drop would need its own step here.
/// </summary>
internal static class PostgresSchemaUpgrade
{
    public static async Task<IReadOnlyList<string>> ApplyAsync(TradingDbContext db, CancellationToken ct)
    {
        // Instances starting together upgrade one after the other; the second finds nothing missing.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7160291)", ct);
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema()").ToListAsync(ct);
        var columns = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name || '.' || column_name AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema()")
            .ToListAsync(ct);
        var indexes = await db.Database.SqlQueryRaw<string>(
            "SELECT indexname AS \"Value\" FROM pg_indexes WHERE schemaname = current_schema()").ToListAsync(ct);

        var missing = MissingOperations(db, tables.ToHashSet(), columns.ToHashSet(), indexes.ToHashSet());
        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(missing, db.GetService<IDesignTimeModel>().Model);
        foreach (var command in commands) await db.Database.ExecuteSqlRawAsync(command.CommandText, ct);
        await transaction.CommitAsync(ct);
        return missing.Select(Describe).ToList();
    }

    private static List<MigrationOperation> MissingOperations(
        TradingDbContext db, HashSet<string> tables, HashSet<string> columns, HashSet<string> indexes)
    {
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var everything = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model);
        var missing = new List<MigrationOperation>();
        foreach (var operation in everything)
        {
            switch (operation)
            {
                case CreateTableOperation create when !tables.Contains(create.Name):
                    missing.Add(create);
                    break;
                case CreateTableOperation existing:
                    missing.AddRange(existing.Columns.Where(c => !columns.Contains($"{existing.Name}.{c.Name}"))
                        .Select(c => WithDefaultForExistingRows(c, model)));
                    break;
                case CreateIndexOperation index when !indexes.Contains(index.Name):
                    missing.Add(index);
                    break;
            }
        }
        return missing;
    }

    /// <summary>A NOT NULL column added to a table that has rows needs a value for them: the property's default.</summary>
    private static AddColumnOperation WithDefaultForExistingRows(AddColumnOperation column, IRelationalModel model)
    {
        if (column.IsNullable || column.DefaultValue is not null || column.DefaultValueSql is not null) return column;
        var property = model.FindTable(column.Table, column.Schema)?.FindColumn(column.Name)?.PropertyMappings.First().Property;
        var type = property?.ClrType ?? column.ClrType;
        var value = type == typeof(string) ? "" : Activator.CreateInstance(type);
        var converter = property?.GetTypeMapping().Converter;
        column.DefaultValue = converter is null ? value : converter.ConvertToProvider(value);
        return column;
    }

    private static string Describe(MigrationOperation operation) => operation switch
    {
        CreateTableOperation t => $"table {t.Name}",
        AddColumnOperation c => $"column {c.Table}.{c.Name}",
        CreateIndexOperation i => $"index {i.Name}",
        _ => operation.GetType().Name,
    };
}
