using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Positions;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Signals;

namespace BlazorTrader.Tests.Engine.Signals;

/// <summary>Builds the inputs of the pure signal code from the short forms the tables use.</summary>
internal static class SignalTestData
{
    public static readonly InstrumentCatalog Instruments = InstrumentCatalog.FromConfiguration(null);
    public static readonly WebhookPayloadParser Parser = new(Instruments);

    /// <summary>Sizes 1/1, no targets, stop 8 ticks when <paramref name="stopTicks"/> is set, capital $50,000 unless told.</summary>
    public static RecorderSettings Settings(decimal? stopTicks = null, decimal? capital = 50_000, SameSideSignal sameSide = SameSideSignal.Add) =>
        new(1, 1, PriceUnits.Ticks, [], stopTicks is not null, stopTicks ?? 0, PriceUnits.Ticks, sameSide, capital);

    public static SignalRequest Request(string json)
    {
        var (request, error) = Parser.Parse(json);
        Assert.True(error is null, error?.Message);
        return request!;
    }

    /// <summary>"long 10@21500" or "flat".</summary>
    public static PositionState? Position(string text)
    {
        if (text == "flat") return null;
        var parts = text.Split(' ', '@');
        return new PositionState(parts[0] == "long" ? Side.Long : Side.Short, decimal.Parse(parts[1]), decimal.Parse(parts[2]));
    }

    public static SignalContext Context(string json, string position = "flat", RecorderSettings? settings = null)
    {
        var request = Request(json);
        var spec = Instruments.SpecFor(request.Ticker);
        return new SignalContext(settings ?? Settings(), request, Position(position), spec.RoundToTick(request.Price ?? 1), spec);
    }

    public static string Describe(SignalDecision d) =>
        d.Order is { } o ? $"{o.Side.ToApi()} {o.Quantity}"
        : d.IgnoreReason is not null ? "ignored"
        : d.Rejection is { } r ? $"rejected {r.Field}"
        : d.MoveStopsToEntry ? "breakeven"
        : "nothing";
}
