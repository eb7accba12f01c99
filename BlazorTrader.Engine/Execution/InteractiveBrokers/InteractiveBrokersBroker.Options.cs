using System.Collections.Concurrent;
using System.Globalization;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Strategies.Options;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// Index option data from TWS: the index price (IND on CBOE), the listed contracts of an expiry (REQ_CONTRACT_DATA for the
/// trading class, which also gives each conId), and per-option bid/ask with IB's model greeks (TICK_OPTION_COMPUTATION,
/// model tick). Market-data lines are bounded: only strikes near the money, at most <see cref="MaxLinesAtOnce"/> at a time,
/// each cancelled as soon as its snapshot is complete (IB limits concurrent lines per login, 100 by default).
/// </summary>
internal sealed partial class InteractiveBrokersBroker : IOptionChainSource
{
    /// <summary>Lines open at once; room is left for the market-data client and TWS's own windows.</summary>
    internal const int MaxLinesAtOnce = 40;

    /// <summary>Strikes quoted around the index: puts down to 7 % below it, calls up to 5 % above (a 21-day 20-delta option lies well inside).</summary>
    private const decimal PutWindow = 0.07m;
    private const decimal CallWindow = 0.05m;

    /// <summary>Strikes per right quoted in the second expiry: those whose first-expiry delta is nearest the target.</summary>
    private const int SecondExpiryStrikes = 3;

    /// <summary>Real time, like the other TWS questions: the engine's clock may be a test's and stand still.</summary>
    private static readonly TimeSpan SnapshotWait = TimeSpan.FromSeconds(6);

    private readonly ConcurrentDictionary<int, MarketDataLine> _lines = new();

    public async Task<OptionChainSnapshot> GetChainAsync(OptionChainQuery query, CancellationToken ct)
    {
        RequestMarketDataType();
        var index = await IndexPriceAsync(query.Underlying, ct);
        if (index.Price is not { } spot)
            return new OptionChainSnapshot(null, [], $"IB gave no {query.Underlying} index price ({index.Problem ?? "no tick"}); a CBOE indexes market-data subscription is needed");
        var first = await ListedAsync(query, query.Expiry, ct);
        if (first.Count == 0) return new OptionChainSnapshot(spot, [], $"IB lists no {query.TradingClass} options expiring {query.Expiry:yyyy-MM-dd}");
        var second = await ListedAsync(query, query.SecondExpiry, ct);
        if (second.Count == 0) return new OptionChainSnapshot(spot, [], $"IB lists no {query.TradingClass} options expiring {query.SecondExpiry:yyyy-MM-dd}");

        var near = first.Where(c => NearTheMoney(c, spot, query.StrikeStep)).ToList();
        var (firstQuotes, problem) = await QuoteAsync(near, ct);
        if (firstQuotes.Count == 0) return new OptionChainSnapshot(spot, [], $"IB sent no option quotes ({problem ?? "no ticks"}); an OPRA market-data subscription is needed");

        // The second expiry only at the strikes the first one makes likely: the lines stay few.
        var strikes = firstQuotes.Where(q => q.Delta is not null).GroupBy(q => q.Right)
            .SelectMany(g => g.OrderBy(q => Math.Abs(Math.Abs(q.Delta!.Value) - (double)query.TargetDelta)).ThenBy(q => q.Strike).Take(SecondExpiryStrikes)
                .Select(q => (q.Right, q.Strike)))
            .ToHashSet();
        var (secondQuotes, _) = await QuoteAsync([.. second.Where(c => strikes.Contains((RightOf(c), c.Strike ?? 0)))], ct);
        return new OptionChainSnapshot(spot, [.. firstQuotes, .. secondQuotes]);
    }

    public async Task<IReadOnlyList<OptionChainQuote>> GetQuotesAsync(IReadOnlyList<string> tickers, CancellationToken ct)
    {
        RequestMarketDataType();
        var contracts = new List<TwsContract>();
        foreach (var ticker in tickers.Distinct(StringComparer.OrdinalIgnoreCase))
            contracts.Add(await _contracts.ResolveAsync(ticker, ContractDetailsAsync, ct));
        return (await QuoteAsync(contracts, ct)).Quotes;
    }

    private void RequestMarketDataType()
    {
        try { _client.RequestMarketDataType((TwsMarketDataType)_options.MarketDataType); }
        catch (TwsNotConnectedException) { }
    }

    private static bool NearTheMoney(TwsContract c, decimal spot, decimal step) =>
        c.Strike is { } k && (step <= 0 || k % step == 0)
        && (c.Right == "P" ? k >= spot * (1 - PutWindow) && k <= spot : k >= spot && k <= spot * (1 + CallWindow));

    /// <summary>First of last / close / bid-ask mid, as the original read the index; the line is cancelled after.</summary>
    private async Task<(decimal? Price, string? Problem)> IndexPriceAsync(string symbol, CancellationToken ct)
    {
        var contract = new TwsContract { Symbol = symbol, SecType = "IND", Exchange = "CBOE", Currency = "USD" };
        var line = (await SnapshotAsync([contract], l => l.Last is not null, ct))[0];
        var mid = line.Bid is > 0 && line.Ask is > 0 ? (line.Bid + line.Ask) / 2 : null;
        return (line.Last ?? line.Close ?? mid, line.Problem);
    }

    /// <summary>Every listed contract of the trading class in one expiry, with its conId; remembered for orders on its legs.</summary>
    private async Task<List<TwsContract>> ListedAsync(OptionChainQuery q, DateOnly expiry, CancellationToken ct)
    {
        var query = new TwsContract
        {
            Symbol = q.Underlying, SecType = "OPT", LastTradeDateOrContractMonth = expiry.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            Multiplier = "100", Exchange = "SMART", Currency = "USD", TradingClass = q.TradingClass,
        };
        List<TwsMessage> all;
        try { all = await QueryAsync(true, m => m is ContractDataMessage, m => m is ContractDataEndMessage, () => _client.RequestContractDetails(query), ct); }
        catch (IbContractException) { return []; }   // error 200: no such expiry
        var listed = new List<TwsContract>();
        foreach (var c in all.OfType<ContractDataMessage>().Select(m => m.Contract).Where(c => c.ConId != 0 && c.Right is "P" or "C"))
        {
            var contract = query with { ConId = c.ConId, Strike = c.Strike, Right = c.Right, TradingClass = c.TradingClass.Length > 0 ? c.TradingClass : q.TradingClass };
            _contracts.Remember(_contracts.ToSymbol(c), contract);
            listed.Add(contract);
        }
        return listed;
    }

    /// <summary>Bid, ask and model greeks of these options; those that sent nothing are left out.</summary>
    private async Task<(List<OptionChainQuote> Quotes, string? Problem)> QuoteAsync(IReadOnlyList<TwsContract> contracts, CancellationToken ct)
    {
        var lines = await SnapshotAsync(contracts, l => l.BidSeen && l.AskSeen && l.Delta is not null, ct);
        var quotes = new List<OptionChainQuote>();
        foreach (var (contract, line) in contracts.Zip(lines))
        {
            if (!line.BidSeen && !line.AskSeen && line.Delta is null) continue;
            var expiry = DateOnly.ParseExact(contract.LastTradeDateOrContractMonth[..8], "yyyyMMdd", CultureInfo.InvariantCulture);
            quotes.Add(new OptionChainQuote(_contracts.ToSymbol(Summary(contract)), RightOf(contract), expiry, contract.Strike ?? 0,
                line.Bid ?? 0, line.Ask ?? 0, line.Delta, line.ImpliedVolatility, contract.ConId));
        }
        return (quotes, lines.Select(l => l.Problem).FirstOrDefault(p => p is not null));
    }

    /// <summary>Opens lines in batches of <see cref="MaxLinesAtOnce"/>, waits until each is complete (or the wait is over), cancels them.</summary>
    private async Task<MarketDataLine[]> SnapshotAsync(IReadOnlyList<TwsContract> contracts, Func<MarketDataLine, bool> complete, CancellationToken ct)
    {
        var lines = contracts.Select(_ => new MarketDataLine(complete)).ToArray();
        for (var start = 0; start < contracts.Count; start += MaxLinesAtOnce)
        {
            var batch = Enumerable.Range(start, Math.Min(MaxLinesAtOnce, contracts.Count - start)).ToList();
            var ids = new List<int>();
            try
            {
                foreach (var i in batch)
                    ids.Add(_client.RequestMarketData(contracts[i], registered: id => _lines[id] = lines[i]));
                await Task.WhenAll(batch.Select(i => lines[i].Done.Task)).WaitAsync(SnapshotWait, TimeProvider.System, ct)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                ct.ThrowIfCancellationRequested();
            }
            finally
            {
                foreach (var id in ids)
                {
                    _lines.TryRemove(id, out _);
                    try { _client.CancelMarketData(id); } catch (TwsNotConnectedException) { }
                }
            }
        }
        return lines;
    }

    /// <summary>Called by the reader for every message: ticks and line errors go to their open line.</summary>
    private void FeedLines(TwsMessage message)
    {
        switch (message)
        {
            case TickPriceMessage t when _lines.TryGetValue(t.RequestId, out var line): line.OnPrice(t.TickType, t.Price); break;
            case TickOptionComputationMessage { IsModel: true } o when _lines.TryGetValue(o.RequestId, out var line): line.OnModel(o); break;
            case TwsErrorMessage { Kind: TwsErrorKind.Error } e when _lines.TryGetValue(e.Id, out var line): line.OnError($"IB error {e.Code}: {e.Text}"); break;
        }
    }

    private static OptionRight RightOf(TwsContract c) => c.Right == "P" ? OptionRight.Put : OptionRight.Call;

    private static TwsContractSummary Summary(TwsContract c) => new(c.ConId, c.Symbol, c.SecType, c.LastTradeDateOrContractMonth, c.Strike, c.Right,
        c.Multiplier, c.Exchange, c.Currency, c.LocalSymbol, c.TradingClass);

    /// <summary>What one market-data line has sent so far. A price of -1 ("no quote") still counts as seen.</summary>
    private sealed class MarketDataLine(Func<MarketDataLine, bool> complete)
    {
        private readonly Lock _gate = new();
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public decimal? Bid { get; private set; }
        public decimal? Ask { get; private set; }
        public decimal? Last { get; private set; }
        public decimal? Close { get; private set; }
        public bool BidSeen { get; private set; }
        public bool AskSeen { get; private set; }
        public double? Delta { get; private set; }
        public double? ImpliedVolatility { get; private set; }
        public string? Problem { get; private set; }

        public void OnPrice(int tickType, decimal? price)
        {
            lock (_gate)
            {
                switch (tickType)
                {
                    case 1 or 66: (Bid, BidSeen) = (price, true); break;     // bid, delayed bid
                    case 2 or 67: (Ask, AskSeen) = (price, true); break;     // ask, delayed ask
                    case 4 or 68: Last = price ?? Last; break;               // last, delayed last
                    case 9 or 75: Close = price ?? Close; break;             // close, delayed close
                }
                Check();
            }
        }

        public void OnModel(TickOptionComputationMessage m)
        {
            lock (_gate)
            {
                Delta = m.Delta ?? Delta;
                ImpliedVolatility = m.ImpliedVolatility ?? ImpliedVolatility;
                Check();
            }
        }

        public void OnError(string problem)
        {
            lock (_gate) Problem ??= problem;
            Done.TrySetResult();
        }

        private void Check()
        {
            if (complete(this)) Done.TrySetResult();
        }
    }
}
