using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Strategies;

namespace BlazorTrader.Engine.Scheduling.Strategies;

/// <summary>A scheduled strategy as a client sends it (REST or the page); checked by <see cref="Validate"/>.</summary>
public sealed record ScheduledStrategyDraft
{
    public string Name { get; init; } = "";
    public StrategyKind Kind { get; init; } = StrategyKind.Single;
    /// <summary>The kind's parameters as JSON (null or {} = the defaults); checked by <see cref="StrategyParametersJson"/>.</summary>
    public string? ParametersJson { get; init; }
    public long AccountId { get; init; }
    public string Ticker { get; init; } = "";
    public OrderAction Side { get; init; } = OrderAction.Buy;
    public StrategySizing Sizing { get; init; } = StrategySizing.Quantity;
    public decimal Size { get; init; } = 1;
    public TimeOnly EntryTime { get; init; } = new(9, 45);
    public TimeOnly? ExitTime { get; init; } = new(15, 0);
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    public PriceUnits ExitUnits { get; init; } = PriceUnits.Ticks;
    public decimal? TakeProfit { get; init; }
    public decimal? StopLoss { get; init; }
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Field name to messages; empty when the draft is usable. <paramref name="ticker"/> is the parsed symbol (a built-in
    /// kind names its own instruments: SPX for the calendar, the universe for gap-and-go); <paramref name="parametersJson"/>
    /// the kind's parameters with every field, as they are stored.
    /// </summary>
    public Dictionary<string, string[]> Validate(InstrumentCatalog instruments, out string? ticker, out string? parametersJson)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        parametersJson = null;
        if (Kind == StrategyKind.Single)
        {
            ticker = instruments.TryParse(Ticker, out var parsed, out var tickerError) ? parsed.Symbol : null;
            if (ticker is null) Add("ticker", tickerError);
        }
        else
        {
            ticker = Kind == StrategyKind.SpxDoubleCalendar ? "SPX" : "";
            if (StrategyParametersJson.Parse(Kind, ParametersJson, out var parameterErrors) is { } parameters)
                parametersJson = StrategyParametersJson.Serialize(parameters);
            foreach (var (field, messages) in parameterErrors) errors[field] = messages;
        }
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100) Add("name", "name is required (at most 100 characters)");
        if (AccountId <= 0) Add("account", "account must be an existing account id");
        if (Sizing == StrategySizing.Quantity && (Size < 1 || Size != decimal.Truncate(Size) || Size > 100_000))
            Add("size", "quantity must be a whole number of contracts from 1 to 100000");
        if (Sizing == StrategySizing.CapitalPercent && Size is <= 0 or > 100) Add("size", "capital percent must be greater than 0 and at most 100");
        if (Days.Count == 0 || Days.Any(d => d is DayOfWeek.Saturday or DayOfWeek.Sunday))
            Add("days", "choose at least one weekday (Monday to Friday); markets are closed at weekends");
        if (ExitTime is { } exit && exit <= EntryTime) Add("exitTime", "the exit time must be after the entry time on the same day");
        if (EntryTime.Second != 0 || ExitTime?.Second is > 0) Add("entryTime", "times are whole minutes (HH:mm)");
        if (TakeProfit is <= 0) Add("takeProfit", "takeProfit must be positive, or empty for none");
        if (StopLoss is <= 0) Add("stopLoss", "stopLoss must be positive, or empty for none");
        if (ExitUnits == PriceUnits.Percent && (TakeProfit >= 100 || StopLoss >= 100)) Add("exitUnits", "percent distances must be below 100");
        return errors;
    }
}
