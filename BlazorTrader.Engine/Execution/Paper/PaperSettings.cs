using System.Globalization;

namespace BlazorTrader.Engine.Execution.Paper;

/// <summary>
/// A paper account's settings (docs/api.md): <c>startingCash</c>, <c>latencyMs</c>, <c>slippageTicks</c>, and
/// <c>restProtection</c>: true to have the venue hold a copied position's stop and targets as resting GTC orders in one OCA
/// group, as a real broker does (the protection keeper places and moves them); false (default) leaves the exits to the engine.
/// </summary>
public sealed record PaperSettings(decimal StartingCash, int LatencyMs, int SlippageTicks, bool RestProtection = false)
{
    public static readonly PaperSettings Default = new(100_000m, 0, 0);

    public TimeSpan Latency => TimeSpan.FromMilliseconds(LatencyMs);

    public static PaperSettings From(IReadOnlyDictionary<string, string>? settings) => new(
        Read(settings, "startingCash", Default.StartingCash),
        (int)Read(settings, "latencyMs", Default.LatencyMs),
        (int)Read(settings, "slippageTicks", Default.SlippageTicks),
        settings?.TryGetValue("restProtection", out var rest) == true && bool.TryParse(rest, out var on) && on);

    /// <summary>Problems a person can fix, by setting name; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyDictionary<string, string>? settings)
    {
        var errors = new List<string>();
        foreach (var (key, min, max) in new[] { ("startingCash", 0m, 1_000_000_000m), ("latencyMs", 0m, 60_000m), ("slippageTicks", 0m, 100m) })
        {
            if (settings?.TryGetValue(key, out var raw) != true) continue;
            if (!decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                errors.Add($"settings.{key} must be a number between {min} and {max}");
        }
        if (settings?.TryGetValue("restProtection", out var rest) == true && rest.Length > 0 && !bool.TryParse(rest, out _))
            errors.Add("settings.restProtection must be true or false");
        return errors;
    }

    private static decimal Read(IReadOnlyDictionary<string, string>? settings, string key, decimal fallback) =>
        settings?.TryGetValue(key, out var raw) == true && decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var v)
            ? v : fallback;
}
