using BlazorTrader.Engine.MarketData;

namespace BlazorTrader.Engine.Risk;

/// <summary>
/// Open positions and trades in memory, indexed by symbol, for the tick path. Owned by the engine
/// thread. A tick updates prices, unrealized P&amp;L, worst/best unrealized and MFE/MAE, and collects
/// exit decisions; nothing here allocates per tick.
/// </summary>
public sealed class LiveBook
{
    private readonly Dictionary<string, List<LivePosition>> _bySymbol = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, LivePosition> _byId = [];
    private string[] _symbols = [];

    /// <summary>The set of symbols with open positions changed.</summary>
    public event Action? Changed;

    public IReadOnlyCollection<string> Symbols => _symbols;

    public IEnumerable<LivePosition> Positions => _byId.Values;

    public int Count => _byId.Count;

    public bool TryGet(long positionId, out LivePosition position) => _byId.TryGetValue(positionId, out position!);

    public void Upsert(LivePosition position)
    {
        position.Prepare();
        Remove(position.PositionId, notify: false);
        _byId[position.PositionId] = position;
        if (!_bySymbol.TryGetValue(position.Symbol, out var list)) _bySymbol[position.Symbol] = list = [];
        list.Add(position);
        SymbolsChanged();
    }

    public void Remove(long positionId) => Remove(positionId, notify: true);

    public void Clear()
    {
        _byId.Clear();
        _bySymbol.Clear();
        SymbolsChanged();
    }

    /// <summary>Applies one tick to every open position of its symbol; exit decisions are added to <paramref name="fills"/>.</summary>
    public void OnTick(in Tick tick, List<ExitFill> fills)
    {
        if (!_bySymbol.TryGetValue(tick.Symbol, out var positions) || positions.Count == 0) return;
        // One symbol, one grid: convert the tick once, then everything below is integer arithmetic.
        var grid = positions[0].Grid;
        var ticks = new TickTicks(grid.Ticks(tick.Price), grid.Ticks(tick.High), grid.Ticks(tick.Low));
        var late = tick.Mode is DataMode.Delayed or DataMode.Stale or DataMode.EndOfDay;
        foreach (var position in positions)
        {
            position.Reprice(ticks);
            position.DecisionsPaused = position.PauseOnLateData && late;
            if (position.DecisionsPaused) continue;
            foreach (var trade in position.Trades)
                ExitRules.Evaluate(trade, position.PositionId, tick, ticks, fills);
        }
    }

    private void Remove(long positionId, bool notify)
    {
        if (!_byId.Remove(positionId, out var old)) return;
        if (_bySymbol.TryGetValue(old.Symbol, out var list))
        {
            list.Remove(old);
            if (list.Count == 0) _bySymbol.Remove(old.Symbol);
        }
        if (notify) SymbolsChanged();
    }

    private void SymbolsChanged()
    {
        var symbols = _bySymbol.Keys.Order(StringComparer.Ordinal).ToArray();
        if (symbols.AsSpan().SequenceEqual(_symbols)) return;
        _symbols = symbols;
        Changed?.Invoke();
    }
}
