using System.Globalization;
using System.Text;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// Builds one message payload: each field as text followed by NUL. Numbers are culture-invariant and every unset
/// value is sent as an empty field, the spelling ib_async uses and TWS accepts (reference §4).
/// </summary>
internal sealed class TwsFieldWriter
{
    private readonly MemoryStream _payload = new(256);

    public TwsFieldWriter(int messageId) => Add(messageId);

    /// <summary>Fields written so far, including the message id.</summary>
    public int Count { get; private set; }

    public TwsFieldWriter Add(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            if (value.Contains('\0', StringComparison.Ordinal))
                throw new ArgumentException("A TWS field cannot contain NUL: it is the field separator.", nameof(value));
            _payload.Write(Encoding.UTF8.GetBytes(value));
        }
        _payload.WriteByte(0);
        Count++;
        return this;
    }

    public TwsFieldWriter Add(int value) => Add(value.ToString(CultureInfo.InvariantCulture));

    public TwsFieldWriter Add(long value) => Add(value.ToString(CultureInfo.InvariantCulture));

    public TwsFieldWriter Add(bool value) => Add(value ? "1" : "0");

    public TwsFieldWriter Add(decimal value) => Add(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>An optional number: "" when null.</summary>
    public TwsFieldWriter Add(decimal? value) => value is { } v ? Add(v) : Add(string.Empty);

    /// <summary>An optional integer: "" when null.</summary>
    public TwsFieldWriter Add(int? value) => value is { } v ? Add(v) : Add(string.Empty);

    /// <summary>Adds <paramref name="count"/> empty fields (unset optional values).</summary>
    public TwsFieldWriter AddEmpty(int count = 1)
    {
        for (var i = 0; i < count; i++)
            Add(string.Empty);
        return this;
    }

    /// <summary>A tag-value list travels as one field: <c>tag=value;tag2=v2;</c>, or "" when empty.</summary>
    public TwsFieldWriter AddTagValues(IReadOnlyList<TwsTagValue> values)
    {
        var text = new StringBuilder();
        foreach (var tv in values)
            text.Append(tv.Tag).Append('=').Append(tv.Value).Append(';');
        return Add(text.ToString());
    }

    public byte[] ToPayload() => _payload.ToArray();
}
