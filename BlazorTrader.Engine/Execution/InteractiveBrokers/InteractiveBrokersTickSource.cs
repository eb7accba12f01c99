using System.Collections.Concurrent;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.MarketData;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// IB market data as engine ticks (<c>MarketData:Source=InteractiveBrokers</c>): REQ_MKT_DATA for the symbols the engine
/// needs, last trade price (else the bid/ask midpoint), with the market data type TWS reports carried as the data mode
/// (1 real-time, 2 frozen = end of day, 3/4 delayed). Its own client id, so it never competes with an account's orders.
/// </summary>
public sealed class InteractiveBrokersTickSource : ITickSource
{
    // IB's delayed data is 10-20 minutes late depending on the exchange; the exact lag is not reported.
    private const int DelayedSeconds = 900;

    private readonly InteractiveBrokersOptions _options;
    private readonly InstrumentCatalog _instruments;
    private readonly ISymbolDemand _demand;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly BrokerContractMonths? _months;
    private readonly ConcurrentDictionary<int, Quote> _byRequest = new();
    private TwsClient? _client;

    public InteractiveBrokersTickSource(IOptions<InteractiveBrokersOptions> options, InstrumentCatalog instruments, ISymbolDemand demand,
        TimeProvider time, ILoggerFactory loggers, BrokerContractMonths? months = null)
    {
        (_options, _instruments, _demand, _time, _loggers, _months) = (options.Value, instruments, demand, time, loggers, months);
    }

    public string Name => "InteractiveBrokers";

    public bool Connected => _client?.State == TwsConnectionState.Connected;

    public string? Problem { get; private set; }

    public async Task RunAsync(ITickSink sink, CancellationToken ct)
    {
        var o = _options;
        await using var client = new TwsClient(InteractiveBrokersBroker.ClientOptions(o.MarketDataHost, o.MarketDataPort, o.MarketDataClientId, o),
            new InMemoryOrderIdStore(), _time, _loggers.CreateLogger<TwsClient>());
        _client = client;
        var resolver = new IbContractResolver(_instruments, o.FrontMonths, _time, _months);
        void Resubscribe() => _ = SubscribeAsync(client, resolver, ct);
        _demand.Changed += Resubscribe;
        try
        {
            await client.ConnectAsync(ct);   // its Connected state message below subscribes
            await foreach (var message in client.Messages.ReadAllAsync(ct))
            {
                switch (message)
                {
                    case ConnectionStateChanged { State: TwsConnectionState.Connected }:
                        _byRequest.Clear();   // a new session knows none of the old subscriptions
                        await SubscribeAsync(client, resolver, ct);
                        break;
                    case MarketDataTypeMessage type when _byRequest.TryGetValue(type.RequestId, out var q): q.Type = type.Type; break;
                    case TickPriceMessage tick when _byRequest.TryGetValue(tick.RequestId, out var q) && ToTick(q, tick) is { } t: sink.Publish(t); break;
                    case TwsErrorMessage { Kind: TwsErrorKind.Error } error: Problem = $"IB error {error.Code}: {error.Text}"; break;
                }
            }
        }
        catch (TwsConnectException ex)
        {
            Problem = ex.Message;
            throw;
        }
        finally
        {
            _demand.Changed -= Resubscribe;
            _client = null;
        }
    }

    private async Task SubscribeAsync(TwsClient client, IbContractResolver resolver, CancellationToken ct)
    {
        try
        {
            var wanted = _demand.Symbols.ToHashSet(StringComparer.OrdinalIgnoreCase);
            client.RequestMarketDataType((TwsMarketDataType)_options.MarketDataType);
            foreach (var symbol in wanted.Where(s => !_byRequest.Values.Any(q => string.Equals(q.Symbol, s, StringComparison.OrdinalIgnoreCase))))
            {
                // The tick source has no reply reader of its own: no contract details, so no options, and a continuous future is
                // the month the order side already resolved with IB today, else the listing rule's.
                var contract = await resolver.ResolveAsync(symbol, (_, _) => throw new IbContractException("the IB tick source does not ask for contract details"), ct);
                _byRequest[client.RequestMarketData(contract)] = new Quote(symbol);
            }
        }
        catch (Exception ex) when (ex is IbContractException or TwsNotConnectedException)
        {
            Problem = ex.Message;
        }
    }

    private Tick? ToTick(Quote q, TickPriceMessage tick)
    {
        if (tick.Price is not { } price || price <= 0) return null;
        if (tick.TickType >= 66 && q.Type == TwsMarketDataType.Live) q.Type = TwsMarketDataType.Delayed;   // delayed tick ids 66-76
        switch (tick.TickType)
        {
            case 1 or 66: q.Bid = price; break;
            case 2 or 67: q.Ask = price; break;
            case 4 or 68: q.Last = price; break;
            default: return null;
        }
        var value = q.Last ?? (q.Bid is { } b && q.Ask is { } a ? (b + a) / 2 : null);
        if (value is not { } v || !_instruments.TryParse(q.Symbol, out var parsed, out _)) return null;
        var (mode, delay) = q.Type switch
        {
            TwsMarketDataType.Live => (DataMode.Realtime, 0),
            TwsMarketDataType.Frozen => (DataMode.EndOfDay, 0),
            _ => (DataMode.Delayed, DelayedSeconds),
        };
        return Tick.At1(parsed.Symbol, _instruments.SpecFor(parsed).RoundToTick(v), _time.GetUtcNow(), mode, delay);
    }

    private sealed class Quote(string symbol)
    {
        public string Symbol { get; } = symbol;
        public TwsMarketDataType Type { get; set; } = TwsMarketDataType.Live;
        public decimal? Bid { get; set; }
        public decimal? Ask { get; set; }
        public decimal? Last { get; set; }
    }
}
