using System.Text;
using System.Text.Json.Nodes;

namespace BlazorTrader.Tests.Web.Hostile;

/// <summary>
/// Seeded generator of hostile webhook bodies: valid alerts of every dialect, then mutated (wrong types,
/// huge or sub-tick numbers, out-of-range times, lone surrogates, truncation, deep nesting, odd encodings).
/// The same seed always gives the same bodies, so a failure can be replayed from its seed and index.
/// </summary>
public sealed class WebhookBodyFuzzer(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>One valid alert per dialect (docs/alert-dialects.md), plus the sizing and exit fields the dialects read.</summary>
    private static readonly string[] ValidAlerts =
    [
        """{"action":"buy","ticker":"MNQ1!","price":21500.25,"quantity":1,"id":"Long Entry","time":"2026-11-20T14:45:00Z","comment":"x"}""",
        """{"action":"sell","ticker":"ES1!","price":5000,"marketPosition":"flat","positionSize":0}""",
        """{"action":"buy","ticker":"CME_MINI:ES1!","price":"5000.25","marketPosition":"long","positionSize":"2","time":"1763649900000"}""",
        """{"ticker":"MNQ1!","action":"buy","sentiment":"bullish","quantity":"2","signalPrice":"21500.25","time":"2026-11-20T14:45:00Z"}""",
        """{"ticker":"MNQ1!","action":"buy","quantityType":"dollar_amount","quantity":50000,"signalPrice":21500}""",
        """{"ticker":"MNQ1!","action":"buy","quantityType":"percent_of_equity","quantity":10,"signalPrice":21500}""",
        """{"ticker":"MNQ1!","action":"buy","quantityType":"risk_dollar_amount","quantity":200,"signalPrice":21500,"stopLoss":{"type":"stop","stopPrice":21480}}""",
        """{"ticker":"ES1!","action":"buy","quantity":1,"signalPrice":"5000","orderType":"limit","limitPrice":"5000","takeProfit":{"limitPrice":"5010"},"stopLoss":{"type":"stop","percent":"0.1"},"extras":{"setup":"orb"}}""",
        """{"ticker":"ES1!","action":"breakeven"}""",
        """{"symbol":"MNQ1!","data":"buy","quantity":"1","price":"21500","tp":0,"sl":0,"percentage_tp":0,"percentage_sl":0,"dollar_tp":"20","dollar_sl":"10"}""",
        """{"symbol":"AAPL","action":"BUY","position_size":"100","price":"190.10"}""",
        """{"ticker":"CME_MINI:ES1!","time":"2026-11-20T14:45:00Z","strategy":{"order_action":"buy","order_contracts":"2","order_price":"5000.25","market_position":"long","position_size":"2","order_id":"Long"}}""",
    ];

    private static readonly string[] HostileValues =
    [
        "null", "true", "[]", "{}", "[1,2]", "\"\"", "\" \"", "0", "-0", "-1", "0.0000001", "0.01", "0.1", "0.24", "1e-30",
        "1e30", "-1e30", "1e400", "-1e400", "99999999999999999999999999999999", "79228162514264337593543950336",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e999\"", "\"0x10\"", "\"1,5\"", "\"  7  \"", "\"{{close}}\"",
        "9999999999999999", "253402300800000", "-62135596800001", "\"9999999999999999\"", "\"253402300800001\"",
        "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"", "\"2026-13-45T99:99:99Z\"",
        "\"\\ud800\"", "\"a\\udc00b\"", "\"\\udfff\\ud800\"", "\"\\u0000\"", "\"MNQ1!\\ud83d\"", "\"\u202Ebuy\"",
        "\"long\"", "\"short\"", "\"flat\"", "\"dollar_amount\"", "\"percent_of_equity\"", "\"risk_percent\"", "\"stop_limit\"",
        "2147483648", "9223372036854775808", "1000001", "1000000", "0.5", "1.000000000000000000000001",
    ];

    private static readonly string[] FieldNames =
    [
        "action", "ticker", "price", "quantity", "id", "time", "comment", "marketPosition", "positionSize", "sentiment",
        "quantityType", "signalPrice", "orderType", "limitPrice", "stopPrice", "takeProfit", "stopLoss", "extras",
        "symbol", "data", "tp", "sl", "percentage_tp", "percentage_sl", "dollar_tp", "dollar_sl", "position_size", "strategy",
    ];

    public byte[] Next()
    {
        var text = ValidAlerts[_random.Next(ValidAlerts.Length)];
        var mutations = 1 + _random.Next(3);
        for (var i = 0; i < mutations; i++) text = MutateText(text);
        return Encode(text);
    }

    private string MutateText(string text)
    {
        try
        {
            return MutateJson(text);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // Text System.Text.Json will not hold (a lone surrogate, a duplicate key): mutate it as text.
            return _random.Next(2) == 0 ? Truncate(text) : text + Pick(HostileValues);
        }
    }

    private string MutateJson(string text)
    {
        JsonObject? json;
        try { json = JsonNode.Parse(text) as JsonObject; }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException) { json = null; }
        if (json is null) return _random.Next(2) == 0 ? Truncate(text) : text + Pick(HostileValues);

        switch (_random.Next(10))
        {
            case 0 or 1 or 2: return SetRaw(json, PickExistingOrAny(json), Pick(HostileValues));
            case 3: return SetRaw(json, Pick(FieldNames), Pick(HostileValues));
            case 4: return SetRaw(json, PickExistingOrAny(json), Nested(_random.Next(2, 400)));
            case 5: return SetRaw(json, PickExistingOrAny(json), LoneSurrogateString());
            case 6: return Truncate(text);
            case 7: return SetRaw(json, "\\ud800" + Pick(FieldNames), "1");   // a lone surrogate in a property name
            case 8: return SetRaw(json, FlipCase(PickExistingOrAny(json)), Pick(HostileValues));   // a second spelling of a field
            default: return SetRaw(json, "takeProfit", $$"""{"{{Pick(["limitPrice", "percent", "amount"])}}":{{Pick(HostileValues)}}}""");
        }
    }

    private byte[] Encode(string text) => _random.Next(20) switch
    {
        0 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],                           // UTF-8 byte order mark
        1 => Encoding.Unicode.GetBytes(text),                                                // UTF-16
        2 => Encoding.Latin1.GetBytes(text.Replace("MNQ", "MNQ\u00e9", StringComparison.Ordinal)),
        3 => [.. Encoding.UTF8.GetBytes(text), 0xC3],                                        // a cut multi-byte sequence
        4 => [0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes(text)],                           // an encoded surrogate (CESU-8)
        5 => FlipByte(Encoding.UTF8.GetBytes(text)),
        _ => new UTF8Encoding(false, false).GetBytes(text),
    };

    private byte[] FlipByte(byte[] bytes)
    {
        if (bytes.Length > 0) bytes[_random.Next(bytes.Length)] ^= (byte)(1 << _random.Next(8));
        return bytes;
    }

    private string SetRaw(JsonObject json, string field, string rawValue)
    {
        // Built as text: JsonNode would re-escape or refuse what a hostile sender writes.
        json.Remove(field);
        var rest = json.ToJsonString().TrimStart('{').TrimEnd('}');
        var member = $"\"{field}\":{rawValue}";
        return rest.Length == 0 ? "{" + member + "}" : _random.Next(2) == 0 ? "{" + member + "," + rest + "}" : "{" + rest + "," + member + "}";
    }

    private string PickExistingOrAny(JsonObject json)
    {
        var names = json.Select(p => p.Key).ToList();
        return names.Count > 0 && _random.Next(4) > 0 ? names[_random.Next(names.Count)] : Pick(FieldNames);
    }

    private string LoneSurrogateString() => _random.Next(3) switch
    {
        0 => "\"\\ud800\"",
        1 => "\"MNQ1!\\udbff\"",
        _ => "\"" + new string('x', _random.Next(0, 40)) + "\\udc00" + "\"",
    };

    private static string Nested(int depth) => new string('[', depth) + "1" + new string(']', depth);

    private string Truncate(string text) => text.Length < 2 ? text : text[.._random.Next(1, text.Length)];

    private string FlipCase(string field) => field.Length == 0 ? field : char.IsUpper(field[0])
        ? char.ToLowerInvariant(field[0]) + field[1..]
        : char.ToUpperInvariant(field[0]) + field[1..];

    private string Pick(string[] choices) => choices[_random.Next(choices.Length)];
}
