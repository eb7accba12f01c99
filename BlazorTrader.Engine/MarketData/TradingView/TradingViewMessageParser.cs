using System.Globalization;
using System.Text.Json;

namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>Parses one decoded payload into a <see cref="TradingViewMessage"/>. Never throws on bad input.</summary>
public static class TradingViewMessageParser
{
    public static TradingViewMessage Parse(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (TradingViewFrameCodec.IsHeartbeat(payload))
            return new TradingViewHeartbeat(payload);

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new InvalidTradingViewMessage("payload is not a JSON object", payload);

            if (!root.TryGetProperty("m", out var method))
                return new TradingViewHello(StringOrNull(root, "session_id"), StringOrNull(root, "release"));

            var parameters = root.TryGetProperty("p", out var p) && p.ValueKind == JsonValueKind.Array ? p : default;
            return method.GetString() switch
            {
                "qsd" => ParseQuoteData(parameters, payload),
                "quote_completed" => ParseQuoteCompleted(parameters, payload),
                "protocol_error" => new ProtocolErrorMessage(TextAt(parameters, 0) ?? "protocol error without a message"),
                "critical_error" => new CriticalErrorMessage(TextAt(parameters, 0), TextAt(parameters, 1) ?? "unknown", TextAt(parameters, 2)),
                { } other => new UnhandledTradingViewMessage(other),
                null => new InvalidTradingViewMessage("method is not a string", payload),
            };
        }
        catch (JsonException ex)
        {
            return new InvalidTradingViewMessage($"invalid JSON: {ex.Message}", payload);
        }
        catch (InvalidOperationException ex)
        {
            return new InvalidTradingViewMessage($"unexpected JSON shape: {ex.Message}", payload);
        }
    }

    private static TradingViewMessage ParseQuoteData(JsonElement parameters, string payload)
    {
        if (TextAt(parameters, 0) is not { } session || ElementAt(parameters, 1) is not { ValueKind: JsonValueKind.Object } data
            || StringOrNull(data, "n") is not { } symbol)
            return new InvalidTradingViewMessage("qsd needs [session, {n, s, v}]", payload);

        var changes = data.TryGetProperty("v", out var values) && values.ValueKind == JsonValueKind.Object
            ? ReadChanges(values)
            : QuoteFieldChanges.None;
        return new QuoteDataMessage(session, symbol, StringOrNull(data, "s"), changes);
    }

    private static TradingViewMessage ParseQuoteCompleted(JsonElement parameters, string payload) =>
        TextAt(parameters, 0) is { } session && TextAt(parameters, 1) is { } symbol
            ? new QuoteCompletedMessage(session, symbol)
            : new InvalidTradingViewMessage("quote_completed needs [session, symbol]", payload);

    private static QuoteFieldChanges ReadChanges(JsonElement v) => new()
    {
        Last = Number(v, "lp"),
        LastTime = Number(v, "lp_time"),
        Bid = Number(v, "bid"),
        Ask = Number(v, "ask"),
        Volume = Number(v, "volume"),
        Change = Number(v, "ch"),
        ChangePercent = Number(v, "chp"),
        UpdateMode = Text(v, "update_mode"),
        OriginalName = Text(v, "original_name"),
        Status = Text(v, "status"),
        ProName = Text(v, "pro_name"),
        ShortName = Text(v, "short_name"),
        Description = Text(v, "description"),
    };

    // A field of an unexpected type is treated as absent rather than wiping the last known value.
    private static FieldChange<double?> Number(JsonElement v, string name)
    {
        if (!v.TryGetProperty(name, out var field))
            return FieldChange<double?>.Absent;

        return field.ValueKind switch
        {
            JsonValueKind.Number when field.TryGetDouble(out var number) && double.IsFinite(number) => FieldChange<double?>.To(number),
            JsonValueKind.String when double.TryParse(field.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number) => FieldChange<double?>.To(number),
            JsonValueKind.Null => FieldChange<double?>.To(null),
            _ => FieldChange<double?>.Absent,
        };
    }

    private static FieldChange<string?> Text(JsonElement v, string name)
    {
        if (!v.TryGetProperty(name, out var field))
            return FieldChange<string?>.Absent;

        return field.ValueKind switch
        {
            JsonValueKind.String => FieldChange<string?>.To(field.GetString()),
            JsonValueKind.Null => FieldChange<string?>.To(null),
            _ => FieldChange<string?>.Absent,
        };
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? ElementAt(JsonElement array, int index) =>
        array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > index ? array[index] : null;

    private static string? TextAt(JsonElement array, int index) => ElementAt(array, index) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Object or JsonValueKind.Array } other => other.GetRawText(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } other => other.GetRawText(),
        _ => null,
    };
}
