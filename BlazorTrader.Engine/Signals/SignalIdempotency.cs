using System.Security.Cryptography;
using System.Text;

namespace BlazorTrader.Engine.Signals;

/// <summary>
/// The deterministic key of a webhook signal (docs/design.md "Never the same order twice"): recorder +
/// TradingView order id + alert time when the alert carries both, otherwise recorder + a hash of the
/// body within the duplicate window. A UNIQUE index on the key decides, not a prior lookup.
/// </summary>
public static class SignalIdempotency
{
    public static string PayloadHash(string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.Trim())));

    public static string Key(long recorderId, SignalRequest signal, string payloadHash, DateTimeOffset receivedAt, TimeSpan window)
    {
        if (signal.OrderId is { Length: > 0 } id && signal.AlertTime is { } time)
            return $"wh:{recorderId}:id:{Shorten(id)}:{time.UtcTicks}";
        var bucket = window > TimeSpan.Zero ? receivedAt.UtcTicks / window.Ticks : receivedAt.UtcTicks;
        return $"wh:{recorderId}:body:{payloadHash}:{bucket}";
    }

    // Keys stay well under the column limit whatever the id is.
    private static string Shorten(string id) => id.Length <= 64 ? id : PayloadHash(id);
}
