using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace BlazorTrader.Bench.Load;

/// <summary>One webhook target: the recorder's URL path (with its token) and the ticker its alerts trade.</summary>
internal sealed record WebhookTarget(long RecorderId, string Path, string Ticker, decimal Price);

/// <summary>
/// Writes TradingView-style alert bodies into pooled buffers without allocating: per target and side the constant
/// prefix is encoded once, then the unique alert id (run tag + sequence number) and the alert time are formatted in
/// place. The pair id + time is unique per request, so the duplicate window never applies.
/// Sequence i goes to target i % targets; each target alternates buy and sell, so positions stay small.
/// </summary>
internal sealed class AlertBodies
{
    public const int MaxBodyBytes = 512;
    private static readonly byte[] TimeField = Encoding.UTF8.GetBytes("\",\"time\":\"");
    private static readonly byte[] End = Encoding.UTF8.GetBytes("\"}");
    private readonly byte[][] _buyPrefix;
    private readonly byte[][] _sellPrefix;

    public AlertBodies(IReadOnlyList<WebhookTarget> targets, string runTag)
    {
        Targets = targets;
        RunTag = runTag;
        _buyPrefix = [.. targets.Select(t => Prefix(t, "buy", runTag))];
        _sellPrefix = [.. targets.Select(t => Prefix(t, "sell", runTag))];
    }

    public IReadOnlyList<WebhookTarget> Targets { get; }
    public string RunTag { get; }

    public WebhookTarget TargetOf(long seq) => Targets[(int)(seq % Targets.Count)];

    public static bool IsBuy(long seq, int targets) => seq / targets % 2 == 0;

    /// <summary>The alert id a sequence number is sent with (what the signal's raw payload carries).</summary>
    public string AlertId(long seq) => $"{RunTag}-{seq:D9}";

    /// <summary>Rents a buffer and writes the body of <paramref name="seq"/>; the caller returns the buffer to the shared pool.</summary>
    public byte[] Rent(long seq, DateTime alertTimeUtc, out int length)
    {
        var target = (int)(seq % Targets.Count);
        var prefix = IsBuy(seq, Targets.Count) ? _buyPrefix[target] : _sellPrefix[target];
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes);
        var span = buffer.AsSpan();
        prefix.CopyTo(span);
        var at = prefix.Length;
        Utf8Formatter.TryFormat(seq, span[at..], out var written, new StandardFormat('D', 9));
        at += written;
        TimeField.CopyTo(span[at..]);
        at += TimeField.Length;
        alertTimeUtc.TryFormat(span[at..], out written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        at += written;
        End.CopyTo(span[at..]);
        length = at + End.Length;
        return buffer;
    }

    private static byte[] Prefix(WebhookTarget t, string action, string runTag) => Encoding.UTF8.GetBytes(
        $"{{\"action\":\"{action}\",\"ticker\":\"{t.Ticker}\",\"price\":{t.Price.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"quantity\":1,\"id\":\"{runTag}-");
}
