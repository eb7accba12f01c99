using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// Framing of the text protocol: a 4-byte big-endian payload length, then NUL-terminated fields (reference §2, §4).
/// </summary>
internal static class TwsFrameCodec
{
    private static readonly byte[] ApiPrefix = "API\0"u8.ToArray();

    public static byte[] EncodeFrame(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > TwsProtocol.MaxFrameLength)
            throw new ArgumentException($"Payload of {payload.Length} bytes exceeds the TWS frame limit.", nameof(payload));
        var frame = new byte[4 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
        payload.CopyTo(frame.AsSpan(4));
        return frame;
    }

    /// <summary>The client's opening bytes: <c>API\0</c> (no length) and one frame <c>v{min}..{max}[ options]</c> with no NUL.</summary>
    public static byte[] EncodeHandshake(int minVersion, int maxVersion, string connectOptions = "")
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"v{minVersion}..{maxVersion}");
        if (connectOptions.Length > 0)
            text += " " + connectOptions;
        return [.. ApiPrefix, .. EncodeFrame(Encoding.ASCII.GetBytes(text))];
    }

    /// <summary>Joins fields into a payload; each field, empty ones too, ends with NUL.</summary>
    public static byte[] EncodeFields(IEnumerable<string> fields)
    {
        using var payload = new MemoryStream();
        foreach (var field in fields)
        {
            if (field.Contains('\0', StringComparison.Ordinal))
                throw new ArgumentException("A TWS field cannot contain NUL.", nameof(fields));
            payload.Write(Encoding.UTF8.GetBytes(field));
            payload.WriteByte(0);
        }
        return payload.ToArray();
    }

    /// <summary>Splits a payload on NUL and drops the empty element after the last terminator.</summary>
    public static string[] DecodeFields(ReadOnlySpan<byte> payload)
    {
        var fields = new List<string>();
        while (!payload.IsEmpty)
        {
            var end = payload.IndexOf((byte)0);
            if (end < 0)
            {
                // A last field without its NUL: keep it rather than lose data.
                fields.Add(Encoding.UTF8.GetString(payload));
                break;
            }
            fields.Add(Encoding.UTF8.GetString(payload[..end]));
            payload = payload[(end + 1)..];
        }
        return [.. fields];
    }
}
