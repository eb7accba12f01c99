using System.Buffers.Binary;
using System.Text;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>
/// The fake's own framing, written independently of the client's codec so that a bug shared by both cannot hide.
/// </summary>
internal static class FakeTwsWire
{
    public static async Task<byte[]?> ReadFrameAsync(Stream stream, CancellationToken ct)
    {
        var header = new byte[4];
        if (!await ReadExactlyOrEofAsync(stream, header, ct))
            return null;
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        var payload = new byte[length];
        if (length > 0 && !await ReadExactlyOrEofAsync(stream, payload, ct))
            return null;
        return payload;
    }

    public static async Task<bool> ReadExactlyOrEofAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, ct);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    public static string[] Fields(byte[] payload)
    {
        var text = Encoding.UTF8.GetString(payload);
        var parts = text.Split('\0');
        return parts[..^1]; // every field ends with NUL, so the last element is the empty tail
    }

    public static byte[] Frame(IEnumerable<string> fields)
    {
        var body = Encoding.UTF8.GetBytes(string.Concat(fields.Select(f => f + "\0")));
        var frame = new byte[4 + body.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, body.Length);
        body.CopyTo(frame, 4);
        return frame;
    }

    /// <summary>Writes the "a|b|c|" notation of the reference (| = NUL) as fields.</summary>
    public static string[] Pipes(string text) => text.Split('|')[..^1];
}
