using System.Threading.Channels;
using BlazorTrader.Engine.Instruments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.MarketData.TradingView;

/// <summary>
/// TradingView quotes as engine ticks: subscribes exactly the symbols the engine needs (open positions
/// plus MarketData:WatchSymbols), converts doubles to tick-rounded decimals at this edge, and carries
/// each symbol's data mode. A rejected auth token is reported and the feed carries on anonymously.
/// </summary>
public sealed partial class TradingViewTickSource(
    IOptions<MarketDataOptions> options,
    InstrumentCatalog instruments,
    ISymbolDemand demand,
    TimeProvider time,
    ILoggerFactory loggers) : ITickSource
{
    public const string AnonymousToken = "unauthorized_user_token";

    private readonly ILogger _log = loggers.CreateLogger<TradingViewTickSource>();
    private readonly TradingViewSymbolMap _map = new(options.Value.TradingViewSymbols, options.Value.TradingViewStockExchange);
    private TradingViewQuoteClient? _client;
    private volatile bool _tokenRejected;

    public string Name => "TradingView";

    public bool Connected => _client?.State == TradingViewConnectionState.Connected;

    /// <summary>True while a configured token is in use and has not been rejected.</summary>
    public bool Authenticated => HasToken && !_tokenRejected;

    /// <summary>The last problem TradingView reported, for /health and the UI (never contains the token).</summary>
    public string? Problem { get; private set; }

    private bool HasToken => !string.IsNullOrWhiteSpace(options.Value.TradingViewAuthToken);

    public async Task RunAsync(ITickSink sink, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var anonymous = !HasToken || _tokenRejected;
            var quotes = Channel.CreateUnbounded<TradingViewQuote>(new UnboundedChannelOptions { SingleReader = true });
            await using var client = new TradingViewQuoteClient(ClientOptions(anonymous), quotes.Writer, time,
                loggers.CreateLogger<TradingViewQuoteClient>());
            using var restart = CancellationTokenSource.CreateLinkedTokenSource(ct);
            client.ErrorReported += (_, error) => OnError(error, anonymous, restart);
            _client = client;
            void Resubscribe() => _ = client.SetSymbolsAsync(WantedSymbols(), CancellationToken.None);
            demand.Changed += Resubscribe;
            try
            {
                await client.SetSymbolsAsync(WantedSymbols(), ct);
                client.Start();
                await foreach (var quote in quotes.Reader.ReadAllAsync(restart.Token))
                {
                    if (ToTick(quote) is { } tick) sink.Publish(tick);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The token was rejected: start again anonymously.
            }
            finally
            {
                demand.Changed -= Resubscribe;
                _client = null;
            }
        }
    }

    internal Tick? ToTick(TradingViewQuote quote)
    {
        if (quote.Last is not { } last || !double.IsFinite(last) || last <= 0 || last > 1e12) return null;
        var ticker = _map.ToTicker(quote.Symbol);
        if (!instruments.TryParse(ticker, out var parsed, out _)) return null;
        var (mode, delay) = DataModeParser.Parse(quote.UpdateMode, quote.OriginalName);
        var price = instruments.SpecFor(parsed).RoundToTick((decimal)last);
        return Tick.At1(parsed.Symbol, price, quote.ReceivedAt, mode, delay);
    }

    private IEnumerable<string> WantedSymbols() =>
        demand.Symbols.Concat(options.Value.WatchSymbols).Select(_map.ToTradingView).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private TradingViewClientOptions ClientOptions(bool anonymous)
    {
        var o = new TradingViewClientOptions { AuthToken = anonymous ? AnonymousToken : options.Value.TradingViewAuthToken! };
        if (options.Value.TradingViewUrl is { Length: > 0 } url) o.Url = new Uri(url);
        return o;
    }

    private void OnError(TradingViewError error, bool anonymous, CancellationTokenSource restart)
    {
        Problem = error.Message;
        if (error.Kind != TradingViewErrorKind.ProtocolError || anonymous) return;
        _tokenRejected = true;
        Problem = "TradingView rejected MarketData:TradingViewAuthToken (invalid or expired); continuing anonymously, so CME-group futures are delayed about 10 minutes.";
        TokenRejected(_log);
        restart.Cancel();
    }

    [LoggerMessage(2101, LogLevel.Warning, "TradingView rejected the configured auth token; falling back to anonymous (delayed) data")]
    private static partial void TokenRejected(ILogger logger);
}
