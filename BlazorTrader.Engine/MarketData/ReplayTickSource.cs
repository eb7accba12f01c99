using System.Globalization;
using BlazorTrader.Engine.Instruments;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.MarketData;

/// <summary>
/// Replays a CSV of <c>time,symbol,price[,bid,ask,volume]</c> (ISO 8601 or unix seconds, header line
/// optional), keeping the recorded gaps divided by the speed factor; speed 0 replays as fast as possible.
/// </summary>
public sealed class ReplayTickSource(IOptions<MarketDataOptions> options, InstrumentCatalog instruments, TimeProvider time) : ITickSource
{
    public string Name => "Replay";

    public bool Connected { get; private set; }

    /// <summary>Rows replayed so far.</summary>
    public long Replayed { get; private set; }

    public async Task RunAsync(ITickSink sink, CancellationToken ct)
    {
        var file = options.Value.ReplayFile;
        if (string.IsNullOrWhiteSpace(file) || !File.Exists(file))
            throw new FileNotFoundException($"MarketData:ReplayFile '{file}' does not exist.", file);
        await ReplayAsync(File.ReadLinesAsync(file, ct), sink, ct);
    }

    public async Task ReplayAsync(IAsyncEnumerable<string> lines, ITickSink sink, CancellationToken ct)
    {
        var speed = options.Value.ReplaySpeed;
        DateTimeOffset? previous = null;
        Connected = true;
        try
        {
            var lineNumber = 0;
            await foreach (var line in lines.WithCancellation(ct))
            {
                lineNumber++;
                if (!TryParse(line, out var recordedAt, out var raw, out var price) || !instruments.TryParse(raw, out var ticker, out _))
                {
                    if (lineNumber == 1 || string.IsNullOrWhiteSpace(line)) continue;   // header or blank line
                    throw new FormatException($"Replay line {lineNumber} is not 'time,symbol,price': {line}");
                }
                if (previous is { } p && speed > 0 && recordedAt > p)
                    await Task.Delay(TimeSpan.FromTicks((long)((recordedAt - p).Ticks / speed)), time, ct);
                previous = recordedAt;
                // Stamped with the replay clock, so tick ages and staleness behave as live.
                var rounded = instruments.SpecFor(ticker).RoundToTick(price);
                sink.Publish(Tick.At1(ticker.Symbol, rounded, time.GetUtcNow(), DataMode.Replay, volume: VolumeOf(line)));
                Replayed++;
            }
        }
        finally
        {
            Connected = false;
        }
    }

    /// <summary>The optional sixth column (size traded), for the strategies' bars; 0 when absent or not a number.</summary>
    internal static decimal VolumeOf(string line)
    {
        var parts = line.Split(',');
        return parts.Length >= 6 && decimal.TryParse(parts[5].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : 0;
    }

    internal static bool TryParse(string line, out DateTimeOffset at, out string symbol, out decimal price)
    {
        at = default;
        symbol = "";
        price = 0;
        var parts = line.Split(',');
        if (parts.Length < 3) return false;
        var timeText = parts[0].Trim();
        if (long.TryParse(timeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix)) at = DateTimeOffset.FromUnixTimeSeconds(unix);
        else if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at)) return false;
        symbol = parts[1].Trim().ToUpperInvariant();
        return symbol.Length > 0
            && decimal.TryParse(parts[2].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out price) && price > 0;
    }
}
