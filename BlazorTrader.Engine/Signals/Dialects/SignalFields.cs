using System.Globalization;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Positions;

namespace BlazorTrader.Engine.Signals.Dialects;

/// <summary>A field that cannot be used; the parser turns it into a 400 naming the field.</summary>
internal sealed class PayloadException(SignalParseError error) : Exception(error.Message)
{
    public SignalParseError Error { get; } = error;
}

/// <summary>
/// The field readers every dialect shares, so a price or a quantity is validated the same way whatever
/// its name in the message. Each one throws <see cref="PayloadException"/> naming the field.
/// </summary>
internal static class SignalFields
{
    public const decimal MaxQuantity = 1_000_000m;
    public const decimal MaxPrice = 1_000_000_000m;
    public const decimal MaxAmount = 1_000_000_000_000m;
    public const int MaxTextField = 500;

    public const string ActionHint = "buy, sell, close (or long, short, exit, flat, add, reverse, breakeven, cancel)";

    public static SignalAction Action(JsonFieldReader json, string field)
    {
        var text = json.String(field);
        if (string.IsNullOrWhiteSpace(text)) throw Fail(json.PathOf(field), $"{json.PathOf(field)} is required: {ActionHint}");
        return ParseAction(text) ?? throw Fail(json.PathOf(field), $"{json.PathOf(field)} '{Truncate(text)}' is unknown; use {ActionHint}");
    }

    public static SignalAction? ParseAction(string text) => text.Trim().ToLowerInvariant() switch
    {
        "buy" or "long" => SignalAction.Buy,
        "sell" or "short" => SignalAction.Sell,
        "close" or "flat" => SignalAction.Close,
        "exit" => SignalAction.Exit,
        "add" => SignalAction.Add,
        "reverse" => SignalAction.Reverse,
        "breakeven" or "break_even" => SignalAction.BreakEven,
        "cancel" => SignalAction.Cancel,
        _ => null,
    };

    public static ParsedTicker Ticker(JsonFieldReader json, string field, InstrumentCatalog instruments)
    {
        var text = json.String(field);
        if (string.IsNullOrWhiteSpace(text)) throw Fail(field, $"{field} is required, e.g. MNQ1! or CME_MINI:MNQ1!");
        return instruments.TryParse(text, out var ticker, out var error) ? ticker : throw Fail(field, error);
    }

    public static decimal? Price(JsonFieldReader json, string field) => Positive(json, field, MaxPrice);

    /// <summary>A contract or share count: positive, and whole unless it is an amount or a percent to be sized.</summary>
    public static decimal? Quantity(JsonFieldReader json, string field, bool whole = true)
    {
        var quantity = Positive(json, field, whole ? MaxQuantity : MaxAmount);
        if (whole && quantity is { } q && q != decimal.Truncate(q))
            throw Fail(json.PathOf(field), $"{json.PathOf(field)} must be a whole number of contracts or shares, got {q}");
        return quantity;
    }

    /// <summary>A finite number greater than 0; <paramref name="zeroIsAbsent"/> for dialects that send 0 for "not set".</summary>
    public static decimal? Positive(JsonFieldReader json, string field, decimal max, bool zeroIsAbsent = false)
    {
        var (value, error) = json.Decimal(field);
        if (error is not null) throw new PayloadException(error);
        if (value is not { } v || (v == 0 && zeroIsAbsent)) return null;
        var name = json.PathOf(field);
        if (v <= 0) throw Fail(name, $"{name} must be greater than 0, got {v}");
        if (v > max) throw Fail(name, $"{name} must be at most {max:0.##}, got {v}");
        return v;
    }

    /// <summary>
    /// A target position from a market position (long, short, flat) and a size; the size alone is signed
    /// like TradingView's strategy.position_size (negative = short).
    /// </summary>
    public static TargetPosition? Target(JsonFieldReader json, string positionField, string sizeField)
    {
        var marketPosition = json.String(positionField)?.Trim().ToLowerInvariant();
        var (size, sizeError) = json.Decimal(sizeField);
        if (sizeError is not null) throw new PayloadException(sizeError);
        if (marketPosition is null && size is null) return null;
        var sizeName = json.PathOf(sizeField);
        if (size is { } s && (Math.Abs(s) > MaxQuantity || s != decimal.Truncate(s)))
            throw Fail(sizeName, $"{sizeName} must be a whole number up to {MaxQuantity:0}, got {s}");

        return marketPosition switch
        {
            "flat" => TargetPosition.Flat,
            "long" or "short" when size is null => throw Fail(sizeName, $"{sizeName} is required with {json.PathOf(positionField)} long or short"),
            "long" or "short" => Math.Abs(size!.Value) == 0
                ? TargetPosition.Flat
                : new TargetPosition(marketPosition == "long" ? Side.Long : Side.Short, Math.Abs(size.Value)),
            null => size!.Value == 0 ? TargetPosition.Flat : new TargetPosition(size.Value > 0 ? Side.Long : Side.Short, Math.Abs(size.Value)),
            _ => throw Fail(json.PathOf(positionField),
                $"{json.PathOf(positionField)} '{Truncate(marketPosition)}' is unknown; use long, short or flat"),
        };
    }

    public static string? Text(JsonFieldReader json, string field, int maxLength = MaxTextField)
    {
        var text = json.String(field);
        return text is { Length: var n } && n > maxLength
            ? throw Fail(json.PathOf(field), $"{json.PathOf(field)} is longer than {maxLength} characters")
            : text;
    }

    public static DateTimeOffset? Time(JsonFieldReader json, string field)
    {
        if (json.String(field) is not { Length: > 0 } text) return null;
        // TradingView's {{timenow}} is ISO 8601; some templates send Unix milliseconds.
        var name = json.PathOf(field);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 1_000_000_000_000)
            return ms <= MaxUnixMilliseconds
                ? InRange(DateTimeOffset.FromUnixTimeMilliseconds(ms), name, text)
                : throw Fail(name, $"{name} {Truncate(text)} is beyond the year 9999 as Unix milliseconds; send {{{{timenow}}}} (ISO 8601)");
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
            throw Fail(name, $"{name} {Truncate(text)} is not a time: Unix milliseconds have 13 digits; send {{{{timenow}}}} (ISO 8601)");
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            && parsed.UtcTicks is >= 0 && parsed.UtcDateTime < DateTime.MaxValue.AddDays(-1)
            ? InRange(parsed.ToUniversalTime(), name, text)
            : throw Fail(name, $"{name} '{Truncate(text)}' is not an ISO 8601 timestamp such as 2026-11-20T14:45:00Z");
    }

    /// <summary>The last Unix millisecond a <see cref="DateTimeOffset"/> holds (9999-12-31T23:59:59.999Z).</summary>
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    /// <summary>An alert time must be a date a chart can show; years 1 or 9999 break every duration computed from it.</summary>
    private static DateTimeOffset InRange(DateTimeOffset time, string name, string text) =>
        time.Year is >= 1970 and <= 2999
            ? time
            : throw Fail(name, $"{name} '{Truncate(text)}' is outside the years 1970 to 2999; send {{{{timenow}}}}");

    /// <summary>A value from a fixed vocabulary (case-insensitive); unknown words are an error listing the choices.</summary>
    public static T? Choice<T>(JsonFieldReader json, string field, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        var text = json.String(field);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return choices.TryGetValue(text.Trim().ToLowerInvariant(), out var value)
            ? value
            : throw Fail(json.PathOf(field), $"{json.PathOf(field)} '{Truncate(text)}' is unknown; use {string.Join(", ", choices.Keys)}");
    }

    public static PayloadException Fail(string field, string message) => new(new SignalParseError(field, message));

    public static string Truncate(string s) => s.Length > 30 ? s[..30] + "..." : s;
}
