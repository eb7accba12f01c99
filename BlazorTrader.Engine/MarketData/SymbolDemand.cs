using BlazorTrader.Engine.Risk;

namespace BlazorTrader.Engine.MarketData;

/// <summary>
/// The symbols feeds must quote for the engine: those with open positions (from the live book), released when they
/// close, and those the built-in strategies watch (<see cref="Watch"/>). A rejected or ignored signal adds nothing, so
/// the subscriptions do not grow with every ticker ever sent. Updated on the engine thread; read from feed threads.
/// </summary>
public sealed class SymbolDemand : ISymbolDemand
{
    private readonly LiveBook _book;
    private string[] _all = [];
    private IReadOnlyCollection<string> _watched = [];

    public SymbolDemand(LiveBook book)
    {
        _book = book;
        book.Changed += Recompute;
    }

    public event Action? Changed;

    public IReadOnlyCollection<string> Symbols => Volatile.Read(ref _all);

    /// <summary>The strategies' symbols (a gap-and-go universe), quoted whether or not a position is open.</summary>
    public void Watch(IReadOnlyCollection<string> symbols)
    {
        _watched = symbols;
        Recompute();
    }

    private void Recompute()
    {
        var all = _book.Symbols.Concat(_watched).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        if (all.AsSpan().SequenceEqual(Volatile.Read(ref _all))) return;
        Volatile.Write(ref _all, all);
        Changed?.Invoke();
    }
}
