using System.Globalization;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// Reads the fields of one incoming message in order. Every "unset" spelling TWS uses ("", 2147483647,
/// 1.7976931348623157E308 and friends) reads as null in the nullable accessors (reference §4).
/// </summary>
internal sealed class TwsFieldReader(IReadOnlyList<string> fields)
{
    // Anything this large is one of the double.MaxValue spellings, never a real price or size.
    private const double UnsetDoubleThreshold = 1e300;

    private int _next;

    public int Remaining => fields.Count - _next;

    public string ReadString()
    {
        if (_next >= fields.Count)
            throw new TwsProtocolException($"Message ended after {fields.Count} fields while more were expected.");
        return fields[_next++];
    }

    public void Skip(int count = 1)
    {
        for (var i = 0; i < count; i++)
            ReadString();
    }

    /// <summary>An integer where "" means 0, as the official decoder reads it.</summary>
    public int ReadInt() => ReadIntOrNull() ?? 0;

    public int? ReadIntOrNull()
    {
        var text = ReadString();
        if (text.Length == 0)
            return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw Malformed(text, "integer");
        return value == TwsProtocol.UnsetInteger ? null : value;
    }

    public long ReadLong()
    {
        var text = ReadString();
        if (text.Length == 0)
            return 0;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw Malformed(text, "integer");
        return value;
    }

    public bool ReadBool() => ReadInt() != 0;

    /// <summary>A price, size or amount; null for every unset spelling and for infinity.</summary>
    public decimal? ReadDecimalOrNull()
    {
        var text = ReadString();
        if (text.Length == 0)
            return null;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return value == TwsProtocol.UnsetInteger ? null : value;
        // Too large for decimal: double.MaxValue in any spelling, or Infinity.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && (double.IsInfinity(d) || Math.Abs(d) >= UnsetDoubleThreshold))
            return null;
        throw Malformed(text, "number");
    }

    public decimal ReadDecimal() => ReadDecimalOrNull() ?? 0m;

    private TwsProtocolException Malformed(string text, string kind) =>
        new($"Field {_next} is '{text}', not a valid {kind}.");
}
