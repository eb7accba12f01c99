using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Engine.Signals;

/// <summary>
/// What a signal asks for. <see cref="Buy"/>/<see cref="Sell"/> move the position one way;
/// <see cref="Close"/> flattens; <see cref="Exit"/> closes all or <c>quantity</c> of it and never reverses;
/// <see cref="Add"/> only adds to an open position; <see cref="Reverse"/> flips at the same size;
/// <see cref="BreakEven"/> moves the open trades' stops to their entry; <see cref="Cancel"/> cancels working orders.
/// </summary>
public enum SignalAction { Buy, Sell, Close, Exit, Add, Reverse, BreakEven, Cancel }

/// <summary>The side of the position after the signal (TradersPost <c>sentiment</c>, TradingView's market_position).</summary>
public enum Sentiment { Bullish, Bearish, Flat }

/// <summary>How <see cref="SignalRequest.Quantity"/> is to be read (TradersPost <c>quantityType</c>).</summary>
public enum QuantityType { FixedQuantity, DollarAmount, RiskDollarAmount, RiskPercent, PercentOfEquity, PercentOfPosition }

public enum OrderType { Market, Limit, Stop, StopLimit }

public static class OrderTypeExtensions
{
    /// <summary>TradersPost's spelling: market, limit, stop, stop_limit.</summary>
    public static string ToApi(this OrderType type) => type == OrderType.StopLimit ? "stop_limit" : type.ToString().ToLowerInvariant();
}

/// <summary>The order the alert asked for; stored with the signal (virtual recorders fill at the signal price).</summary>
public sealed record OrderInstruction(OrderType Type, decimal? LimitPrice = null, decimal? StopPrice = null);

/// <summary>A validated webhook payload, whatever dialect it arrived in.</summary>
/// <remarks>
/// When <see cref="QuantityType"/> is not <see cref="Signals.QuantityType.FixedQuantity"/>, <see cref="Quantity"/> holds the
/// raw amount (dollars or percent) and the engine sizes it (<see cref="QuantitySizer"/>).
/// </remarks>
public sealed record SignalRequest(
    string Dialect,
    SignalAction Action,
    ParsedTicker Ticker,
    decimal? Price,
    decimal? Quantity,
    string? OrderId,
    TargetPosition? Target,
    string? Comment,
    DateTimeOffset? AlertTime)
{
    public Sentiment? Sentiment { get; init; }
    public QuantityType QuantityType { get; init; } = QuantityType.FixedQuantity;
    /// <summary>Overrides the recorder's take-profit targets for the entry this signal opens.</summary>
    public ExitOverride? TakeProfit { get; init; }
    /// <summary>Overrides the recorder's stop loss for the entry this signal opens.</summary>
    public ExitOverride? StopLoss { get; init; }
    public string? StopLossType { get; init; }
    public OrderInstruction? Order { get; init; }
    /// <summary>TradersPost <c>extras</c> as raw JSON: kept, never acted on.</summary>
    public string? Extras { get; init; }
}

/// <summary>Why a payload was refused: the field at fault and what to do about it.</summary>
public sealed record SignalParseError(string Field, string Message);
