using System.Security.Cryptography;
using System.Text;

namespace BlazorTrader.Engine.Recorders;

/// <summary>128-bit random webhook tokens; only their SHA-256 hash is stored or compared.</summary>
public static class WebhookToken
{
    public const int MaxLength = 64;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
