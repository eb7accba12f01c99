using BlazorTrader.Engine.Risk;

namespace BlazorTrader.Engine.MarketData;

/// <summary>
/// The symbols feeds must quote: those with open positions (from the live book) plus those that enabled
/// recorders trade (tickers of their signals). Updated on the engine thread; read from feed threads.
/// </summary>
public sealed class SymbolDemand : ISymbolDemand
{
    private readonly LiveBook _book;
    private string[] _recorderSymbols = [];
    private string[] _all = [];

    public SymbolDemand(LiveBook book)
    {
        _book = book;
        book.Changed += Recompute;
    }

    public event Action? Changed;

    public IReadOnlyCollection<string> Symbols => Volatile.Read(ref _all);

    /// <summary>Replaces the symbols enabled recorders trade.</summary>
    internal void SetRecorderSymbols(IEnumerable<string> symbols)
    {
        _recorderSymbols = [.. symbols.Distinct(StringComparer.OrdinalIgnoreCase)];
        Recompute();
    }

    /// <summary>A recorder traded a symbol (a signal arrived).</summary>
    internal void AddRecorderSymbol(string symbol)
    {
        if (_recorderSymbols.Contains(symbol, StringComparer.OrdinalIgnoreCase)) return;
        _recorderSymbols = [.. _recorderSymbols, symbol];
        Recompute();
    }

    private void Recompute()
    {
        var all = _book.Symbols.Concat(_recorderSymbols).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        if (all.AsSpan().SequenceEqual(Volatile.Read(ref _all))) return;
        Volatile.Write(ref _all, all);
        Changed?.Invoke();
    }
}
