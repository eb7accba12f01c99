using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using BlazorTrader.Engine;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Engine.Risk;

namespace BlazorTrader.Bench;

/// <summary>
/// Ticks per second through the engine's tick path (conflating channel in, price cache, live book,
/// TP/SL checks) against the ceiling of a bare Channel&lt;Tick&gt; whose consumer does nothing.
/// One benchmark operation is one tick.
/// </summary>
[MemoryDiagnoser]
public class TickPathBenchmarks
{
    private const int TicksPerInvoke = 100_000;
    private Tick[] _ticks = [];
    private TickPath _path = null!;
    private TickConflator _conflator = null!;
    private readonly List<ExitFill> _fills = new(64);
    private Channel<Tick> _bare = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_path, _, var names) = TickBook.Create();
        _ticks = TickBook.Ticks(names, TicksPerInvoke);
        _conflator = new TickConflator();
        _bare = Channel.CreateUnbounded<Tick>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = TicksPerInvoke, Description = "bare Channel<Tick>, consumer does nothing")]
    public int BareChannel()
    {
        var read = 0;
        foreach (var tick in _ticks)
        {
            _bare.Writer.TryWrite(tick);
            if (_bare.Reader.TryRead(out _)) read++;
        }
        return read;
    }

    [Benchmark(OperationsPerInvoke = TicksPerInvoke, Description = "engine tick path: conflator + price cache + 1,000 positions over 50 symbols")]
    public int EngineTickPath()
    {
        foreach (var tick in _ticks)
        {
            _conflator.Publish(tick);
            while (_conflator.Reader.TryRead(out var slot)) _path.Apply(_conflator.Take(slot), _fills);
        }
        var fills = _fills.Count;
        _fills.Clear();
        return fills;
    }
}
