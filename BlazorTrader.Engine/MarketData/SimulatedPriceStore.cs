using System.Text.Json;

namespace BlazorTrader.Engine.MarketData;

/// <summary>
/// The simulated feed's last published prices, kept in <c>simulated-prices.json</c> in the data directory so a
/// restart continues the walk instead of jumping back to the start prices (which would look like a gap through
/// every target). Written at most every few seconds and when the feed stops; a missing or broken file means
/// "start from the configured prices".
/// </summary>
public sealed class SimulatedPriceStore(string path, TimeProvider time)
{
    public static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(5);
    private DateTimeOffset _savedAt = DateTimeOffset.MinValue;

    public string Path { get; } = path;

    public Dictionary<string, decimal> Load()
    {
        try
        {
            if (!File.Exists(Path)) return new(StringComparer.OrdinalIgnoreCase);
            var prices = JsonSerializer.Deserialize<Dictionary<string, decimal>>(File.ReadAllText(Path)) ?? [];
            return new(prices.Where(p => p.Value > 0), StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return new(StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>Saves when <see cref="SaveInterval"/> has passed since the last save, or always when <paramref name="force"/>.</summary>
    public void Save(IReadOnlyDictionary<string, decimal> prices, bool force = false)
    {
        var now = time.GetUtcNow();
        if (!force && now - _savedAt < SaveInterval) return;
        _savedAt = now;
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temp = Path + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(prices.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary()));
            File.Move(temp, Path, overwrite: true);   // never a half-written file
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next save tries again; a lost save only means a restart resumes from older prices.
        }
    }
}
