using System.Text.Json.Serialization;

namespace BlazorTrader.Engine.Strategies.GapAndGo;

/// <summary>
/// The gap-and-go day trader's parameters (kind <c>gapAndGo</c>), with the defaults of the system it replaces.
/// <see cref="Universe"/> is a list of stock tickers, or the single word <c>scanner</c> for the broker's top-gainers scan.
/// </summary>
public sealed record GapAndGoParameters
{
    public const string ScannerUniverse = "scanner";

    public IReadOnlyList<string> Universe { get; init; } = [ScannerUniverse];
    public decimal MinPrice { get; init; } = 1m;
    public decimal MaxPrice { get; init; } = 18m;
    public int MaxUniverse { get; init; } = 50;
    public decimal GapPercent { get; init; } = 5m;
    public decimal RsiMax { get; init; } = 60m;
    public decimal AtrPercentMin { get; init; } = 0.3m;
    public decimal CapitalPercent { get; init; } = 25m;
    public int MaxPositions { get; init; } = 4;
    public decimal TakeProfitPercent { get; init; } = 1.8m;
    public decimal StopLossPercent { get; init; } = 0.9m;
    public int ScanMinutes { get; init; } = 15;
    public int BarSeconds { get; init; } = 30;
    public TimeOnly LiquidateAt { get; init; } = new(15, 55);
    public bool LiquidateUntracked { get; init; } = true;
    public int CooldownAfterStopMinutes { get; init; } = 5;

    /// <summary>A premarket entry is a limit this far above the last price (percent), so it fills like a market order would.</summary>
    public decimal PremarketLimitPercent { get; init; } = 0.5m;

    [JsonIgnore]
    public bool UsesScanner => Universe is [var only] && string.Equals(only, ScannerUniverse, StringComparison.OrdinalIgnoreCase);

    /// <summary>Field name (as in the JSON body, under <c>parameters.</c>) to messages; empty when usable.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[$"parameters.{field}"] = [message];

        if (Universe is null || Universe.Count == 0)
            Add("universe", "universe must list at least one stock ticker, or be \"scanner\"");
        else if (!UsesScanner)
        {
            if (Universe.Count > 500) Add("universe", "universe has at most 500 tickers");
            else if (Universe.FirstOrDefault(t => !IsStockTicker(t)) is { } bad)
                Add("universe", $"\"{bad}\" is not a stock ticker (letters, digits, '.' or '-', at most 12 characters)");
            else if (Universe.Count != Universe.Distinct(StringComparer.OrdinalIgnoreCase).Count())
                Add("universe", "universe lists a ticker twice");
        }
        if (MinPrice <= 0) Add("minPrice", "minPrice must be positive");
        if (MaxPrice <= MinPrice) Add("maxPrice", "maxPrice must be greater than minPrice");
        if (MaxUniverse is < 1 or > 50) Add("maxUniverse", "maxUniverse must be from 1 to 50 (a broker scanner returns at most 50 rows)");
        if (GapPercent is <= 0 or > 1000) Add("gapPercent", "gapPercent must be greater than 0 and at most 1000");
        if (RsiMax is <= 0 or > 100) Add("rsiMax", "rsiMax must be greater than 0 and at most 100");
        if (AtrPercentMin is < 0 or > 100) Add("atrPercentMin", "atrPercentMin must be from 0 to 100");
        if (CapitalPercent is <= 0 or > 100) Add("capitalPercent", "capitalPercent must be greater than 0 and at most 100");
        if (MaxPositions is < 1 or > 100) Add("maxPositions", "maxPositions must be from 1 to 100");
        if (TakeProfitPercent is <= 0 or > 100) Add("takeProfitPercent", "takeProfitPercent must be greater than 0 and at most 100");
        if (StopLossPercent is <= 0 or >= 100) Add("stopLossPercent", "stopLossPercent must be greater than 0 and below 100");
        if (ScanMinutes is < 1 or > 390) Add("scanMinutes", "scanMinutes must be from 1 to 390");
        if (BarSeconds is < 5 or > 3600 || 86_400 % BarSeconds != 0)
            Add("barSeconds", "barSeconds must be from 5 to 3600 and divide a day evenly (e.g. 5, 15, 30, 60, 300)");
        if (LiquidateAt < new TimeOnly(9, 30) || LiquidateAt > new TimeOnly(16, 0) || LiquidateAt.Second != 0)
            Add("liquidateAt", "liquidateAt must be a whole minute from 09:30 to 16:00 (exchange time)");
        if (CooldownAfterStopMinutes is < 0 or > 390) Add("cooldownAfterStopMinutes", "cooldownAfterStopMinutes must be from 0 to 390");
        if (PremarketLimitPercent is < 0 or > 10) Add("premarketLimitPercent", "premarketLimitPercent must be from 0 to 10");
        return errors;
    }

    static bool IsStockTicker(string? ticker) =>
        !string.IsNullOrWhiteSpace(ticker) && ticker.Length <= 12 && char.IsAsciiLetter(ticker[0])
        && ticker.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
}
