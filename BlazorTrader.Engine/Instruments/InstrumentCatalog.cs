using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;

namespace BlazorTrader.Engine.Instruments;

/// <summary>
/// Contract specs by root, from the embedded contract-specs.json, overridden or extended by
/// configuration section <c>Instruments:Specs:&lt;ROOT&gt;</c>. Unknown roots trade as stocks.
/// </summary>
public sealed class InstrumentCatalog
{
    private readonly FrozenDictionary<string, ContractSpec> _specs;

    public InstrumentCatalog(IEnumerable<ContractSpec> specs, ContractSpec stockDefault)
    {
        _specs = specs.ToFrozenDictionary(s => s.Root, StringComparer.OrdinalIgnoreCase);
        StockDefault = stockDefault;
    }

    public ContractSpec StockDefault { get; }

    public IEnumerable<ContractSpec> All => _specs.Values;

    public bool IsFutureRoot(string root) => _specs.TryGetValue(root, out var s) && s.Kind == InstrumentKind.Future;

    public bool TryParse(string? raw, out ParsedTicker ticker, out string error) =>
        TickerParser.TryParse(raw, IsFutureRoot, out ticker, out error);

    /// <summary>The dated ticker an order pinned to <paramref name="month"/> (yyyyMM) goes to: MNQ1! in 202612 is MNQZ2026; the symbol itself without one.</summary>
    public string InMonth(string symbol, string? month) =>
        month is not null && TryParse(symbol, out var t, out _) ? ContractMonth.DatedTicker(t, month) : symbol;

    public ContractSpec SpecFor(ParsedTicker ticker)
    {
        if (!_specs.TryGetValue(ticker.Root, out var spec)) return StockDefault with { Root = ticker.Root };
        var applies = spec.Kind switch
        {
            InstrumentKind.Future => ticker.IsFuture,
            InstrumentKind.IndexOption => ticker.Option is not null,
            _ => true,
        };
        return applies ? spec : StockDefault with { Root = ticker.Root };
    }

    public ContractSpec SpecFor(string symbol) =>
        TryParse(symbol, out var t, out _) ? SpecFor(t) : StockDefault with { Root = symbol };

    public static InstrumentCatalog FromConfiguration(IConfiguration? configuration)
    {
        var file = LoadEmbedded();
        var specs = file.Specs.ToDictionary(s => s.Root, StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration?.GetSection("Instruments:Specs").GetChildren() ?? [])
        {
            var root = section.Key.ToUpperInvariant();
            var baseSpec = specs.GetValueOrDefault(root) ?? file.StockDefault with { Root = root, Kind = InstrumentKind.Future };
            specs[root] = baseSpec with
            {
                Kind = section.GetValue("Kind", baseSpec.Kind),
                Exchange = section.GetValue("Exchange", baseSpec.Exchange)!,
                TradingViewPrefix = section.GetValue("TradingViewPrefix", baseSpec.TradingViewPrefix)!,
                TickSize = section.GetValue("TickSize", baseSpec.TickSize),
                PointValue = section.GetValue("PointValue", baseSpec.PointValue),
                Market = section.GetValue("Market", baseSpec.Market),
            };
        }

        foreach (var spec in specs.Values.Append(file.StockDefault))
        {
            if (spec.TickSize <= 0 || spec.PointValue <= 0)
                throw new InvalidOperationException($"Contract spec {spec.Root}: tick size and point value must be positive.");
        }

        return new InstrumentCatalog(specs.Values, file.StockDefault);
    }

    private static SpecFile LoadEmbedded()
    {
        using var stream = typeof(InstrumentCatalog).Assembly.GetManifestResourceStream("contract-specs.json")
            ?? throw new InvalidOperationException("contract-specs.json is not embedded.");
        return JsonSerializer.Deserialize<SpecFile>(stream, JsonOptions)
            ?? throw new InvalidOperationException("contract-specs.json is empty.");
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record SpecFile(List<ContractSpec> Specs, ContractSpec StockDefault);
}
