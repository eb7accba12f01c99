using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Scheduling.Strategies;
using BlazorTrader.Engine.Strategies;

namespace BlazorTrader.Engine.Persistence.Entities;

/// <summary>
/// A time-based strategy: enter at <see cref="EntryTime"/> and leave at <see cref="ExitTime"/> (exchange time) on the chosen
/// weekdays. Each becomes Hangfire recurring jobs; the orders are keyed by strategy + trading day + action.
/// </summary>
public sealed class ScheduledStrategyEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Single (one instrument at set times) or a built-in strategy; its settings are in <see cref="ParametersJson"/>.</summary>
    public StrategyKind Kind { get; set; } = StrategyKind.Single;
    /// <summary>The kind's parameters as saved (every field, camelCase; see <c>StrategyParametersJson</c>); null for single.</summary>
    public string? ParametersJson { get; set; }
    public long AccountId { get; set; }
    public required string Ticker { get; set; }
    public OrderAction Side { get; set; }
    public StrategySizing Sizing { get; set; }
    /// <summary>Contracts or shares when <see cref="Sizing"/> is Quantity; percent of the account's net liquidation when CapitalPercent.</summary>
    public decimal Size { get; set; }
    public TimeOnly EntryTime { get; set; }
    /// <summary>Null: no time exit (the end-of-day flatten or the bracket ends the trade).</summary>
    public TimeOnly? ExitTime { get; set; }
    public List<DayOfWeek> Days { get; set; } = [];
    public PriceUnits ExitUnits { get; set; } = PriceUnits.Ticks;
    /// <summary>Distance of the take-profit from the entry price, in <see cref="ExitUnits"/>; null = none.</summary>
    public decimal? TakeProfit { get; set; }
    /// <summary>Distance of the stop from the entry price, in <see cref="ExitUnits"/>; null = none.</summary>
    public decimal? StopLoss { get; set; }
    public bool Enabled { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
