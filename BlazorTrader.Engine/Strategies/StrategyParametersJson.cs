using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorTrader.Engine.Strategies.GapAndGo;
using BlazorTrader.Engine.Strategies.SpxCalendar;

namespace BlazorTrader.Engine.Strategies;

/// <summary>
/// The <c>kind</c> and <c>parameters</c> of <c>/api/strategies</c>, and their JSON as stored in the strategy row: parsed
/// strictly (an unknown or mistyped field is an error naming <c>parameters.&lt;field&gt;</c>), missing fields take the
/// defaults, then the kind's validator runs.
/// </summary>
public static class StrategyParametersJson
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new HourMinuteConverter() },
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static string Name(StrategyKind kind) => kind switch
    {
        StrategyKind.GapAndGo => "gapAndGo",
        StrategyKind.SpxDoubleCalendar => "spxDoubleCalendar",
        _ => "single",
    };

    /// <summary>single | gapAndGo | spxDoubleCalendar (case-insensitive); null or empty is single.</summary>
    public static bool TryParseKind(string? text, out StrategyKind kind)
    {
        kind = StrategyKind.Single;
        if (string.IsNullOrWhiteSpace(text)) return true;
        foreach (var k in Enum.GetValues<StrategyKind>())
        {
            if (string.Equals(Name(k), text.Trim(), StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        }
        return false;
    }

    /// <summary>
    /// The typed parameters of <paramref name="kind"/> (null for single, which takes no parameters), or field errors.
    /// <paramref name="json"/> null or an empty object gives the defaults.
    /// </summary>
    public static object? Parse(StrategyKind kind, string? json, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (kind == StrategyKind.Single)
        {
            if (!string.IsNullOrWhiteSpace(json) && json.Trim() is not ("{}" or "null"))
                errors["parameters"] = ["the single kind takes no parameters (its fields are top-level)"];
            return null;
        }
        try
        {
            object? parsed = kind == StrategyKind.GapAndGo
                ? JsonSerializer.Deserialize<GapAndGoParameters>(string.IsNullOrWhiteSpace(json) ? "{}" : json, Options)
                : JsonSerializer.Deserialize<SpxCalendarParameters>(string.IsNullOrWhiteSpace(json) ? "{}" : json, Options);
            if (parsed is null) { errors["parameters"] = ["parameters must be a JSON object"]; return null; }
            errors = parsed switch
            {
                GapAndGoParameters g => g.Validate(),
                SpxCalendarParameters s => s.Validate(),
                _ => errors,
            };
            return errors.Count == 0 ? parsed : null;
        }
        catch (JsonException ex)
        {
            errors[FieldOf(ex)] = [Message(ex)];
            return null;
        }
    }

    /// <summary>The JSON stored in the row (camelCase, every field, so a later change of defaults does not move a saved strategy).</summary>
    public static string Serialize(object parameters) => JsonSerializer.Serialize(parameters, parameters.GetType(), Options);

    static string FieldOf(JsonException ex)
    {
        // "$.rsiMax" or "$['rsiMax']"; an unmapped member names itself in the message
        var path = ex.Path is { Length: > 2 } p ? p.TrimStart('$', '.').Split('.', '[')[0].Trim('\'', ']', '[') : "";
        if (path.Length == 0 && ex.Message.Contains("'", StringComparison.Ordinal))
        {
            var start = ex.Message.IndexOf('\'', StringComparison.Ordinal);
            var end = ex.Message.IndexOf('\'', start + 1);
            if (end > start) path = ex.Message[(start + 1)..end];
        }
        return path.Length == 0 ? "parameters" : $"parameters.{JsonNamingPolicy.CamelCase.ConvertName(path)}";
    }

    static string Message(JsonException ex) =>
        ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "unknown parameter for this kind"
        : "wrong type (numbers as JSON numbers, times as \"HH:mm\", lists as arrays)";

    /// <summary>Times are written and read as HH:mm (exchange time), like the strategy's entry and exit times.</summary>
    sealed class HourMinuteConverter : JsonConverter<TimeOnly>
    {
        public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
            && TimeOnly.TryParseExact(reader.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t
                : throw new JsonException("time must be HH:mm");

        public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("HH:mm", CultureInfo.InvariantCulture));
    }
}
