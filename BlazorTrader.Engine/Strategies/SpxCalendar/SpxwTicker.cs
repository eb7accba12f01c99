using System.Globalization;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Strategies.Options;

namespace BlazorTrader.Engine.Strategies.SpxCalendar;

/// <summary>Our ticker of an SPXW option, in OCC form: root, yyMMdd, P or C, strike x 1000 in 8 digits (SPXW261218P05800000).</summary>
public static class SpxwTicker
{
    public const string Root = "SPXW";

    public static string For(OptionRight right, DateOnly expiry, decimal strike) =>
        string.Create(CultureInfo.InvariantCulture, $"{Root}{expiry:yyMMdd}{(right == OptionRight.Put ? 'P' : 'C')}{decimal.ToInt64(strike * 1000m):D8}");

    public static string For(CalendarLeg leg) => For(leg.Right, leg.Expiry, leg.Strike);

    /// <summary>An SPX or SPXW option ticker's contract, or null for anything else.</summary>
    public static OptionContract? Parse(string ticker) =>
        TickerParser.TryParse(ticker, _ => false, out var parsed, out _) && parsed.Option is { } option && parsed.Root is "SPX" or Root
            ? option : null;

    public static OptionRight RightOf(OptionContract option) => option.Right == 'P' ? OptionRight.Put : OptionRight.Call;
}
