using System.Globalization;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Strategies;
using BlazorTrader.Engine.Strategies.GapAndGo;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Execution.GapAndGo;

/// <summary>A gap-and-go strategy as the engine handles it: its row, its parameters, and the trade date being traded.</summary>
internal sealed record GapAndGoStrategy(ScheduledStrategyEntity Row, GapAndGoParameters Parameters, DateOnly TradeDate)
{
    public const string EntrySource = "gapAndGo";
    public const string LiquidationSource = "gap-liquidate";

    public long Id => Row.Id;
    public long AccountId => Row.AccountId;

    /// <summary>Every key of this strategy's orders on its trade date starts with this (entries, their brackets, liquidations).</summary>
    public string KeyPrefix => $"gap:{Id}:{TradeDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:";

    public static async Task<(GapAndGoStrategy? Strategy, Commands.GapAndGoStatus Status)> LoadAsync(TradingDbContext db, long id, DateOnly tradeDate, CancellationToken ct)
    {
        var row = await db.ScheduledStrategies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (row is null) return (null, Commands.GapAndGoStatus.NotFound);
        if (row.Kind != StrategyKind.GapAndGo || StrategyParametersJson.Parse(row.Kind, row.ParametersJson, out _) is not GapAndGoParameters p)
            return (null, Commands.GapAndGoStatus.NotGapAndGo);
        return (new GapAndGoStrategy(row, p, tradeDate), Commands.GapAndGoStatus.Ok);
    }

    /// <summary>Today's orders of this strategy (entries, bracket children, liquidations), oldest first.</summary>
    public Task<List<OrderIntentEntity>> TodaysIntentsAsync(TradingDbContext db, CancellationToken ct)
    {
        var prefix = KeyPrefix;
        return db.OrderIntents.AsNoTracking().Where(i => i.AccountId == AccountId && i.IdempotencyKey.StartsWith(prefix)).OrderBy(i => i.Id).ToListAsync(ct);
    }

    /// <summary>The day's row (budget, halt, latest scan), created on first use.</summary>
    public async Task<GapAndGoDayEntity> DayAsync(TradingDbContext db, DateTime now, CancellationToken ct)
    {
        var day = await db.GapAndGoDays.FirstOrDefaultAsync(d => d.StrategyId == Id && d.TradeDate == TradeDate, ct);
        if (day is null) db.GapAndGoDays.Add(day = new GapAndGoDayEntity { StrategyId = Id, TradeDate = TradeDate, UpdatedAt = now });
        return day;
    }

    /// <summary>True for an entry's own key (gap:{id}:{date}:{SYMBOL}:{n}), not its bracket children's.</summary>
    public static bool IsEntryKey(string key) =>
        key.StartsWith("gap:", StringComparison.Ordinal) && key.Split(':') is { Length: 5 } parts && int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out _);

    public static string ChildKey(string entryKey, string leg) => IntentWriter.BracketKey(entryKey, leg);

    public static OrderAction Exit => OrderAction.Sell;
}
