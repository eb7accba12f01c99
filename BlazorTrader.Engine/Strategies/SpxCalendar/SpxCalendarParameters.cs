namespace BlazorTrader.Engine.Strategies.SpxCalendar;

/// <summary>The SPX 21/28 double calendar's parameters (kind <c>spxDoubleCalendar</c>), with the defaults of the system it replaces.</summary>
public sealed record SpxCalendarParameters
{
    public int Quantity { get; init; } = 4;
    public int MaxOpen { get; init; } = 7;
    public int ShortDays { get; init; } = 21;
    public int LongDays { get; init; } = 28;
    public decimal TargetDelta { get; init; } = 0.20m;
    public decimal StrikeStep { get; init; } = 5m;
    public decimal PriceIncrement { get; init; } = 0.05m;
    public int MaxAttempts { get; init; } = 5;
    public int AttemptSeconds { get; init; } = 15;
    public decimal MaxPremium { get; init; } = 0.25m;
    public decimal ProfitTargetPercent { get; init; } = 50m;
    public int ExitAfterDays { get; init; } = 14;
    public TimeOnly ExitTime { get; init; } = new(15, 0);
    public TimeOnly ReconcileTime { get; init; } = new(17, 0);

    /// <summary>Field name (as in the JSON body, under <c>parameters.</c>) to messages; empty when usable.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[$"parameters.{field}"] = [message];

        if (Quantity is < 1 or > 1000) Add("quantity", "quantity must be from 1 to 1000 combos");
        if (MaxOpen is < 1 or > 100) Add("maxOpen", "maxOpen must be from 1 to 100");
        if (ShortDays is < 1 or > 365) Add("shortDays", "shortDays must be from 1 to 365 calendar days");
        if (LongDays <= ShortDays || LongDays > 730) Add("longDays", "longDays must be after shortDays and at most 730");
        if (TargetDelta is <= 0 or >= 0.5m) Add("targetDelta", "targetDelta must be greater than 0 and below 0.5");
        if (StrikeStep <= 0 || StrikeStep % 5m != 0) Add("strikeStep", "strikeStep must be a positive multiple of 5 (SPXW strikes)");
        if (PriceIncrement <= 0 || PriceIncrement % 0.05m != 0) Add("priceIncrement", "priceIncrement must be a positive multiple of 0.05 (the combo tick)");
        if (MaxAttempts is < 1 or > 50) Add("maxAttempts", "maxAttempts must be from 1 to 50");
        if (AttemptSeconds is < 1 or > 600) Add("attemptSeconds", "attemptSeconds must be from 1 to 600");
        if (MaxPremium < 0 || MaxPremium % 0.05m != 0) Add("maxPremium", "maxPremium must be 0 or a positive multiple of 0.05");
        if (ProfitTargetPercent is <= 0 or > 1000) Add("profitTargetPercent", "profitTargetPercent must be greater than 0 and at most 1000");
        if (ExitAfterDays < 1 || ExitAfterDays >= ShortDays) Add("exitAfterDays", "exitAfterDays must be at least 1 and before the short expiry (shortDays)");
        if (ExitTime < new TimeOnly(9, 30) || ExitTime > new TimeOnly(16, 0) || ExitTime.Second != 0)
            Add("exitTime", "exitTime must be a whole minute from 09:30 to 16:00 (exchange time)");
        if (ReconcileTime.Second != 0) Add("reconcileTime", "reconcileTime must be a whole minute (HH:mm)");
        return errors;
    }
}
