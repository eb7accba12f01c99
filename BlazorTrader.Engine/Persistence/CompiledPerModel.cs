using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BlazorTrader.Engine.Persistence;

/// <summary>
/// An EF compiled query, compiled once per model. The broker-report path runs a handful of small queries per order, and
/// translating their LINQ each time cost about as much as running them (bench/README.md, scenario b). EF binds a compiled
/// query to the first model it runs on and refuses any other; one process can hold two (SQLite and PostgreSQL in the tests).
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
