namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// A contract as the TWS wire describes it (reference §5.2). Either a conId plus exchange, or symbol, secType,
/// expiry/month, exchange and currency. A BAG (combo) carries its legs by conId.
/// </summary>
internal sealed record TwsContract
{
    public int ConId { get; init; }
    public string Symbol { get; init; } = "";
    public string SecType { get; init; } = "";
    public string LastTradeDateOrContractMonth { get; init; } = "";
    /// <summary>Options only; sent as 0 otherwise.</summary>
    public decimal? Strike { get; init; }
    public string Right { get; init; } = "";
    public string Multiplier { get; init; } = "";
    public string Exchange { get; init; } = "";
    /// <summary>Only to disambiguate; never SMART.</summary>
    public string PrimaryExchange { get; init; } = "";
    public string Currency { get; init; } = "";
    public string LocalSymbol { get; init; } = "";
    public string TradingClass { get; init; } = "";
    public string SecIdType { get; init; } = "";
    public string SecId { get; init; } = "";
    public IReadOnlyList<TwsComboLeg> ComboLegs { get; init; } = [];

    public bool IsCombo => SecType == "BAG";

    public static TwsContract Future(string symbol, string contractMonth, string exchange, string currency = "USD") =>
        new() { Symbol = symbol, SecType = "FUT", LastTradeDateOrContractMonth = contractMonth, Exchange = exchange, Currency = currency };

    public static TwsContract Stock(string symbol, string exchange = "SMART", string currency = "USD", string primaryExchange = "") =>
        new() { Symbol = symbol, SecType = "STK", Exchange = exchange, Currency = currency, PrimaryExchange = primaryExchange };

    /// <summary>A combo whose legs are known by conId (from contract details); TWS does not resolve a BAG itself.</summary>
    public static TwsContract Combo(string symbol, IReadOnlyList<TwsComboLeg> legs, string exchange = "SMART", string currency = "USD") =>
        new() { Symbol = symbol, SecType = "BAG", Exchange = exchange, Currency = currency, ComboLegs = legs };
}

/// <summary>One leg of a BAG contract (reference §5.3).</summary>
internal sealed record TwsComboLeg(int ConId, int Ratio, TwsAction Action, string Exchange);

/// <summary>One entry of a TWS tag-value list.</summary>
internal readonly record struct TwsTagValue(string Tag, string Value);

internal enum TwsAction
{
    Buy,
    Sell,
}

internal static class TwsActionExtensions
{
    public static string ToWire(this TwsAction action) => action == TwsAction.Buy ? "BUY" : "SELL";

    public static TwsAction Opposite(this TwsAction action) => action == TwsAction.Buy ? TwsAction.Sell : TwsAction.Buy;
}
