using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Signals;

public enum SignalAction { Buy, Sell, Close }

/// <summary>A validated webhook payload, whatever dialect it arrived in.</summary>
public sealed record SignalRequest(
    string Dialect,
    SignalAction Action,
    ParsedTicker Ticker,
    decimal? Price,
    decimal? Quantity,
    string? OrderId,
    TargetPosition? Target,
    string? Comment,
    DateTimeOffset? AlertTime);

/// <summary>Why a payload was refused: the field at fault and what to do about it.</summary>
public sealed record SignalParseError(string Field, string Message);
