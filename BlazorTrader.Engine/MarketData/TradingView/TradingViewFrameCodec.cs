using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>The payloads found in one websocket text message, and what was wrong with it, if anything.</summary>
/// <param name="Payloads">Every payload that could be recovered, in order.</param>
/// <param name="UsedFallback">True when a length prefix was wrong and the message was split on the markers instead.</param>
/// <param name="Error">Why (part of) the message could not be decoded; null when all of it was.</param>
public sealed record TradingViewFrameDecodeResult(IReadOnlyList<string> Payloads, bool UsedFallback, string? Error)
{
    public bool IsMalformed => Error is not null;
}

/// <summary>
/// TradingView's socket framing: <c>~m~N~m~payload</c>, several per websocket message.
/// N counts UTF-16 code units (JavaScript <c>String.length</c>), which is exactly <see cref="string.Length"/>.
/// </summary>
public static partial class TradingViewFrameCodec
{
    private const string Marker = "~m~";
    private const string HeartbeatPrefix = "~h~";

    public static string Encode(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return string.Create(CultureInfo.InvariantCulture, $"{Marker}{payload.Length}{Marker}{payload}");
    }

    /// <summary>Encodes several payloads into one websocket message, as the server does.</summary>
    public static string Encode(IEnumerable<string> payloads)
    {
        var text = new StringBuilder();
        foreach (var payload in payloads)
            text.Append(Encode(payload));
        return text.ToString();
    }

    public static bool IsHeartbeat(string payload) => payload.StartsWith(HeartbeatPrefix, StringComparison.Ordinal);

    /// <summary>Splits one websocket text message into payloads. Never throws on bad input: it reports it.</summary>
    public static TradingViewFrameDecodeResult Decode(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payloads = new List<string>();
        var position = 0;
        while (position < message.Length)
        {
            if (!TryReadHeader(message, position, out var length, out var payloadStart))
                return new(payloads, false, $"no frame header at offset {position}");

            var end = payloadStart + length;
            // Trust N only if the next frame (or the end of the message) starts exactly where N says.
            if (end > message.Length || (end < message.Length && string.CompareOrdinal(message, end, Marker, 0, Marker.Length) != 0))
                return DecodeBySplitting(message, position, payloads);

            payloads.Add(message.Substring(payloadStart, length));
            position = end;
        }

        return new(payloads, false, null);
    }

    private static bool TryReadHeader(string message, int position, out int length, out int payloadStart)
    {
        length = 0;
        payloadStart = 0;
        if (string.CompareOrdinal(message, position, Marker, 0, Marker.Length) != 0)
            return false;

        var digitsStart = position + Marker.Length;
        var digitsEnd = digitsStart;
        while (digitsEnd < message.Length && char.IsAsciiDigit(message[digitsEnd]))
            digitsEnd++;

        if (digitsEnd == digitsStart
            || string.CompareOrdinal(message, digitsEnd, Marker, 0, Marker.Length) != 0
            || !int.TryParse(message.AsSpan(digitsStart, digitsEnd - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out length))
            return false;

        payloadStart = digitsEnd + Marker.Length;
        return true;
    }

    // What most public clients do all the time; here only when a length prefix disagrees with the text.
    private static TradingViewFrameDecodeResult DecodeBySplitting(string message, int position, List<string> payloads)
    {
        var headers = FrameHeader().Matches(message, position);
        if (headers.Count == 0 || headers[0].Index != position)
            return new(payloads, true, $"no frame header at offset {position}");

        for (var i = 0; i < headers.Count; i++)
        {
            var start = headers[i].Index + headers[i].Length;
            var end = i + 1 < headers.Count ? headers[i + 1].Index : message.Length;
            payloads.Add(message[start..end]);
        }

        return new(payloads, true, null);
    }

    [GeneratedRegex(@"~m~\d+~m~", RegexOptions.CultureInvariant)]
    private static partial Regex FrameHeader();
}
