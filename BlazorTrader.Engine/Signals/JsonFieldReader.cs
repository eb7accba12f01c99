using System.Globalization;
using System.Text.Json;

namespace BlazorTrader.Engine.Signals;

/// <summary>
/// Reads the loosely typed fields TradingView sends: numbers may be JSON numbers or numeric strings
/// ("{{close}}" placeholders arrive as strings), names are matched case-insensitively.
/// Nested objects get a reader whose errors name the full path (<c>takeProfit.percent</c>).
/// </summary>
internal readonly struct JsonFieldReader(JsonElement root, string path = "")
{
    /// <summary>The field's name as an error should show it.</summary>
    public string PathOf(string name) => path + name;

    /// <summary>A nested JSON object; any other non-null value is an error naming the field.</summary>
    public (JsonFieldReader? Reader, SignalParseError? Error) Object(string name)
    {
        if (!TryGet(name, out var v)) return (null, null);
        return v.ValueKind == JsonValueKind.Object
            ? (new JsonFieldReader(v, PathOf(name) + "."), null)
            : (null, new SignalParseError(PathOf(name), $"{PathOf(name)} must be a JSON object, got {Describe(v)}"));
    }

    /// <summary>The field's JSON text as sent (for fields kept but not acted on).</summary>
    public string? Raw(string name) => TryGet(name, out var v) ? v.GetRawText() : null;

    public bool Has(string name) => TryGet(name, out _);

    public bool TryGet(string name, out JsonElement value)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public string? String(string name) => TryGet(name, out var v)
        ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
            _ => null,
        }
        : null;

    /// <summary>A finite decimal, or an error naming the field. Absent fields give (null, null).</summary>
    public (decimal? Value, SignalParseError? Error) Decimal(string name)
    {
        if (!TryGet(name, out var v)) return (null, null);
        decimal value;
        switch (v.ValueKind)
        {
            case JsonValueKind.Number when v.TryGetDecimal(out value):
                return (value, null);
            case JsonValueKind.String when v.GetString() is { Length: > 0 } s
                && decimal.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value):
                return (value, null);
            case JsonValueKind.String when string.IsNullOrWhiteSpace(v.GetString()):
                return (null, null);
            default:
                return (null, new SignalParseError(PathOf(name), $"{PathOf(name)} must be a finite number, got {Describe(v)}"));
        }
    }

    private static string Describe(JsonElement v)
    {
        var text = v.GetRawText();
        return text.Length > 40 ? text[..40] + "..." : text;
    }
}
