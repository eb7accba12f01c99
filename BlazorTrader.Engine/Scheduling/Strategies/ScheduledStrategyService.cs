using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Scheduling.Strategies;

/// <summary>
/// Reads scheduled strategies; creates, changes and deletes them (and keeps their Hangfire jobs in step) for the engine
/// loop, which runs <see cref="SaveScheduledStrategy"/> and <see cref="DeleteScheduledStrategy"/>. The orders they cause
/// go through the engine when their jobs run.
/// </summary>
public sealed class ScheduledStrategyService(
    IDbContextFactory<TradingDbContext> dbFactory,
    StrategySchedule schedule,
    InstrumentCatalog instruments,
    TimeProvider time)
{
    public async Task<IReadOnlyList<ScheduledStrategyEntity>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ScheduledStrategies.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
    }

    public async Task<ScheduledStrategyEntity?> GetAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ScheduledStrategies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
    }

    /// <summary>Engine loop only.</summary>
    internal async Task<bool> DeleteAsync(DeleteScheduledStrategy command, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.ScheduledStrategies.Where(s => s.Id == command.Id).ExecuteDeleteAsync(ct) > 0;
        if (deleted) schedule.Remove(command.Id);
        return deleted;
    }

    /// <summary>Engine loop only.</summary>
    internal async Task<ScheduledStrategySaved> SaveAsync(SaveScheduledStrategy command, CancellationToken ct)
    {
        var (id, draft) = (command.Id, command.Draft);
        var errors = draft.Validate(instruments, out var ticker, out var parametersJson);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!errors.ContainsKey("account") && !await db.Accounts.AnyAsync(a => a.Id == draft.AccountId, ct))
            errors["account"] = [$"there is no account {draft.AccountId}"];
        var name = draft.Name.Trim();
        if (!errors.ContainsKey("name") && await db.ScheduledStrategies.AnyAsync(s => s.Name == name && s.Id != id, ct))
            errors["name"] = [$"a strategy named '{name}' already exists"];
        if (errors.Count > 0) return new ScheduledStrategySaved(null, errors);

        var now = time.GetUtcNow().UtcDateTime;
        ScheduledStrategyEntity? row;
        if (id is { } existing)
        {
            row = await db.ScheduledStrategies.FirstOrDefaultAsync(s => s.Id == existing, ct);
            if (row is null) return new ScheduledStrategySaved(null, errors, NotFound: true);
        }
        else db.ScheduledStrategies.Add(row = new ScheduledStrategyEntity { Name = name, Ticker = ticker!, CreatedAt = now });

        row.Name = name;
        row.Kind = draft.Kind;
        row.ParametersJson = parametersJson;
        row.AccountId = draft.AccountId;
        row.Ticker = ticker!;
        row.Side = draft.Side;
        row.Sizing = draft.Sizing;
        row.Size = draft.Size;
        row.EntryTime = draft.EntryTime;
        row.ExitTime = draft.ExitTime;
        row.Days = [.. draft.Days.Distinct().Order()];
        row.ExitUnits = draft.ExitUnits;
        row.TakeProfit = draft.TakeProfit;
        row.StopLoss = draft.StopLoss;
        row.Enabled = draft.Enabled;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        schedule.Apply(row);
        return new ScheduledStrategySaved(row, errors);
    }

    public static ScheduledStrategyDraft ToDraft(ScheduledStrategyEntity s) => new()
    {
        Name = s.Name, Kind = s.Kind, ParametersJson = s.ParametersJson, AccountId = s.AccountId, Ticker = s.Ticker, Side = s.Side, Sizing = s.Sizing, Size = s.Size, EntryTime = s.EntryTime,
        ExitTime = s.ExitTime, Days = s.Days, ExitUnits = s.ExitUnits, TakeProfit = s.TakeProfit, StopLoss = s.StopLoss, Enabled = s.Enabled,
    };
}
