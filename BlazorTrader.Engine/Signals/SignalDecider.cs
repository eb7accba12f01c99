using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Recorders;

namespace BlazorTrader.Engine.Signals;

/// <summary>
/// The pure decision behind every signal: which order (if any) moves the recorder's position as the
/// signal asks. Sentiment is the side of the position after the signal, like TradingView's
/// market_position: a buy with bearish sentiment only reduces a short, a flat sentiment only closes,
/// and neither ever opens or flips a position.
/// </summary>
public static class SignalDecider
{
    public static SignalDecision Decide(SignalContext c)
    {
        var r = c.Request;
        var symbol = r.Ticker.Symbol;
        if (r.Target is { } target)
        {
            if (target.OrderFrom(c.Current) is not { } order)
                return SignalDecision.Ignore($"position is already at the target ({Describe(c.Current)})");
            return (target.Side is { } targetSide ? ExitsAreValid(c, targetSide) : null) ?? SignalDecision.Place(order.Side, order.Quantity);
        }

        if (r.Action == SignalAction.Cancel)
            return SignalDecision.Ignore($"cancel: there are no working orders in {symbol}; this recorder fills each signal at once, so there is nothing to cancel");
        if (r.Action is SignalAction.Buy or SignalAction.Sell)
            return Directional(c, r.Action == SignalAction.Buy ? Side.Long : Side.Short);
        if (c.Current is not { } current)
            return SignalDecision.Ignore($"{Verb(r.Action)}: no open position in {symbol}");

        return r.Action switch
        {
            SignalAction.Close => SignalDecision.Place(current.Side.Opposite(), current.Quantity),
            SignalAction.Exit => Reduce(c, current),
            SignalAction.Add => Entry(c, current.Side, c.Settings.AddPositionSize),
            // Close everything and open the other side at the same size: one order of twice the size.
            SignalAction.Reverse => ExitsAreValid(c, current.Side.Opposite()) ?? SignalDecision.Place(current.Side.Opposite(), current.Quantity * 2),
            SignalAction.BreakEven => SignalDecision.BreakEven,
            _ => throw new ArgumentOutOfRangeException(nameof(c), r.Action, "unhandled signal action"),
        };
    }

    /// <summary>False for signals that trade nothing (breakeven, cancel), which therefore need no price.</summary>
    public static bool MovesQuantity(SignalRequest request) =>
        request.Target is not null || request.Action is not (SignalAction.BreakEven or SignalAction.Cancel);

    private static SignalDecision Directional(SignalContext c, Side side)
    {
        var r = c.Request;
        var current = c.Current;
        var action = Verb(r.Action);
        switch (r.Sentiment)
        {
            case Sentiment.Flat when current is null:
                return SignalDecision.Ignore($"sentiment flat: there is no position in {r.Ticker.Symbol} to close");
            case Sentiment.Flat when current.Value.Side == side:
                return SignalDecision.Ignore($"{action} with sentiment flat closes a {side.Opposite().ToApi()} position; the position is {Describe(current)}");
            case Sentiment.Flat:
                return SignalDecision.Place(side, current!.Value.Quantity);   // all of it, whatever quantity says
            case { } s when SideOf(s) != side:
                // buy + bearish / sell + bullish: the position stays on the other side, smaller.
                return current is { } held && held.Side != side
                    ? Reduce(c, held)
                    : SignalDecision.Ignore($"{action} with sentiment {Name(s)} only reduces a {side.Opposite().ToApi()} position; the position is {Describe(current)}");
        }

        if (current is { } same && same.Side == side)
        {
            return c.Settings.SameSide == SameSideSignal.Ignore
                ? SignalDecision.Ignore($"already {Describe(current)}; this recorder ignores same-side signals (setting sameSideSignal)")
                : Entry(c, side, c.Settings.AddPositionSize);
        }

        // A bullish buy while short (bearish sell while long) ends on the signal's side: close, then open.
        var closeFirst = r.Sentiment is not null && current is { } opposite ? opposite.Quantity : 0;
        return Entry(c, side, c.Settings.InitialPositionSize, closeFirst);
    }

    /// <summary>An order that opens or adds on <paramref name="side"/>; <paramref name="closeFirst"/> is added to close an opposite position.</summary>
    private static SignalDecision Entry(SignalContext c, Side side, decimal defaultSize, decimal closeFirst = 0)
    {
        var (size, refusal) = QuantitySizer.Size(c, side);
        if (refusal is not null) return refusal;
        return ExitsAreValid(c, side) ?? SignalDecision.Place(side, (size ?? defaultSize) + closeFirst);
    }

    /// <summary>Closes <c>quantity</c> of the position (all without one, all when more than held); never reverses.</summary>
    private static SignalDecision Reduce(SignalContext c, PositionState held)
    {
        var (size, refusal) = QuantitySizer.Size(c, held.Side.Opposite());
        if (refusal is not null) return refusal;
        return SignalDecision.Place(held.Side.Opposite(), Math.Min(size ?? held.Quantity, held.Quantity));
    }

    /// <summary>A take-profit or stop given as a price must lie on the right side of the entry; null when it does.</summary>
    private static SignalDecision? ExitsAreValid(SignalContext c, Side side)
    {
        var direction = (int)side;
        var (tp, sl) = (c.Request.TakeProfit, c.Request.StopLoss);
        if (tp is { Basis: ExitBasis.Price } t && Math.Sign(t.Value - c.Price) != direction)
            return SignalDecision.Reject("takeProfit", $"take profit {t.Value} is on the wrong side of a {side.ToApi()} entry at {c.Price}");
        if (sl is { Basis: ExitBasis.Price } s && Math.Sign(c.Price - s.Value) != direction)
            return SignalDecision.Reject("stopLoss", $"stop loss {s.Value} is on the wrong side of a {side.ToApi()} entry at {c.Price}");
        return null;
    }

    private static Side SideOf(Sentiment s) => s == Sentiment.Bullish ? Side.Long : Side.Short;

    private static string Name(Sentiment s) => s.ToString().ToLowerInvariant();

    private static string Verb(SignalAction action) => action.ToString().ToLowerInvariant();

    public static string Describe(PositionState? p) => p is { } s ? $"{s.Side.ToApi()} {s.Quantity:0.####}" : "flat";
}
