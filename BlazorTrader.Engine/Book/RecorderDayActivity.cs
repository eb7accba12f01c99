using BlazorTrader.Engine.Risk;

namespace BlazorTrader.Engine.Book;

/// <summary>
/// Per recorder and trading day: entries made, symbols closed, P&amp;L realized (partial exits included). Kept by the
/// handlers as they change positions, so a limit check is a lookup, not four queries. Days are the exchange's trading
/// days, so nothing resets: a new day simply has no counters yet.
/// </summary>
internal sealed class RecorderDayActivity
{
    private sealed class Counters
    {
        public int Entries;
        public decimal Realized;
        public readonly HashSet<string> Closed = new(StringComparer.OrdinalIgnoreCase);
    }

    private readonly Dictionary<(long RecorderId, DateOnly Day), Counters> _days = [];

    public void Clear() => _days.Clear();

    public void Forget(long recorderId)
    {
        foreach (var key in _days.Keys.Where(k => k.RecorderId == recorderId).ToList()) _days.Remove(key);
    }

    public void Entered(long recorderId, DateOnly day) => For(recorderId, day).Entries++;

    public void Realized(long recorderId, DateOnly day, decimal pnl) => For(recorderId, day).Realized += pnl;

    public void Closed(long recorderId, DateOnly day, string symbol) => For(recorderId, day).Closed.Add(symbol);

    public DayActivity Of(long recorderId, DateOnly day, string symbol) =>
        _days.TryGetValue((recorderId, day), out var c) ? new DayActivity(c.Entries, c.Closed.Contains(symbol), c.Realized) : new DayActivity(0, false, 0);

    /// <summary>Drops days before <paramref name="keepFrom"/>.</summary>
    public void Prune(DateOnly keepFrom)
    {
        foreach (var key in _days.Keys.Where(k => k.Day < keepFrom).ToList()) _days.Remove(key);
    }

    private Counters For(long recorderId, DateOnly day)
    {
        if (!_days.TryGetValue((recorderId, day), out var c)) _days[(recorderId, day)] = c = new Counters();
        return c;
    }
}
