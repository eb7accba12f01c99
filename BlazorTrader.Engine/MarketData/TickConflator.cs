using System.Collections.Concurrent;
using System.Threading.Channels;

namespace BlazorTrader.Engine.MarketData;

/// <summary>
/// The Channel between feeds and the engine. Each symbol has one slot: a new tick merges into the
/// slot's pending tick (last price, widest high/low), and the slot is queued at most once until the
/// engine takes it. When the engine keeps up every tick passes alone; under load ticks conflate per
/// symbol without losing a touch, and the queue never holds more entries than there are symbols.
/// </summary>
public sealed class TickConflator : ITickSink
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly Channel<Slot> _ready = Channel.CreateUnbounded<Slot>(new UnboundedChannelOptions { SingleReader = true });
    private long _published;
    private long _conflated;
    private int _backlog;

    public ChannelReader<Slot> Reader => _ready.Reader;

    /// <summary>Symbols with a tick waiting for the engine.</summary>
    public int Backlog => Volatile.Read(ref _backlog);

    /// <summary>Ticks published by sources.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Ticks merged into a pending one because the engine had not taken it yet.</summary>
    public long Conflated => Interlocked.Read(ref _conflated);

    public void Publish(in Tick tick)
    {
        Interlocked.Increment(ref _published);
        var slot = _slots.GetOrAdd(tick.Symbol, static s => new Slot());
        bool enqueue;
        lock (slot)
        {
            if (slot.Pending)
            {
                slot.Tick = slot.Tick.Merge(tick);
                Interlocked.Increment(ref _conflated);
                enqueue = false;
            }
            else
            {
                slot.Tick = tick;
                slot.Pending = true;
                enqueue = true;
            }
        }
        if (enqueue)
        {
            Interlocked.Increment(ref _backlog);
            _ready.Writer.TryWrite(slot);
        }
    }

    /// <summary>Takes the pending tick of a slot read from <see cref="Reader"/>.</summary>
    public Tick Take(Slot slot)
    {
        Interlocked.Decrement(ref _backlog);
        lock (slot)
        {
            slot.Pending = false;
            return slot.Tick;
        }
    }

    public sealed class Slot
    {
        internal Tick Tick;
        internal bool Pending;
    }
}
