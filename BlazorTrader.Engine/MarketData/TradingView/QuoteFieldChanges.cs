namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>A field of a partial update: either absent (unchanged) or present with a value, which may be null.</summary>
public readonly record struct FieldChange<T>(bool IsPresent, T? Value)
{
    public static FieldChange<T> Absent => default;

    public static FieldChange<T> To(T? value) => new(true, value);

    public T? ApplyTo(T? current) => IsPresent ? Value : current;
}

/// <summary>The <c>v</c> object of a <c>qsd</c>, limited to the fields the engine uses. Numbers stay doubles here.</summary>
public sealed record QuoteFieldChanges
{
    public FieldChange<double?> Last { get; init; }
    /// <summary><c>lp_time</c>, unix seconds.</summary>
    public FieldChange<double?> LastTime { get; init; }
    public FieldChange<double?> Bid { get; init; }
    public FieldChange<double?> Ask { get; init; }
    public FieldChange<double?> Volume { get; init; }
    public FieldChange<double?> Change { get; init; }
    public FieldChange<double?> ChangePercent { get; init; }
    public FieldChange<string?> UpdateMode { get; init; }
    public FieldChange<string?> OriginalName { get; init; }
    public FieldChange<string?> Status { get; init; }
    public FieldChange<string?> ProName { get; init; }
    public FieldChange<string?> ShortName { get; init; }
    public FieldChange<string?> Description { get; init; }

    public static QuoteFieldChanges None { get; } = new();
}
