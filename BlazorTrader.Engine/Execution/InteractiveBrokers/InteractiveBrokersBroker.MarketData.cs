using System.Collections.Concurrent;
using System.Globalization;
using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Strategies.Indicators;

namespace BlazorTrader.Engine.Execution.InteractiveBrokers;

/// <summary>
/// IB's historical TRADES bars (REQ_HISTORICAL_DATA, formatDate 2) and its market scanner (REQ_SCANNER_SUBSCRIPTION, one
/// snapshot then cancelled). Answers are matched by request id, so several symbols' requests can be out at once.
/// </summary>
internal sealed partial class InteractiveBrokersBroker : IBrokerMarketData
{
    private static readonly TimeSpan IdenticalRequestGap = TimeSpan.FromSeconds(15);
    private IbHistoryPacer? _smallBarPacer;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<Bar> Bars)> _sessionBars = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Symbol, DateOnly Date), decimal> _previousCloses = new();

    public IBrokerMarketData? MarketData => this;

    private IbHistoryPacer SmallBarPacer => LazyInitializer.EnsureInitialized(ref _smallBarPacer, () => new IbHistoryPacer(_time));

    public async Task<BrokerBars> GetSessionBarsAsync(SessionBarsQuery q, CancellationToken ct)
    {
        var barSize = BarSize(q.BarSeconds) ?? throw new IbContractException($"IB has no {q.BarSeconds}-second bars");
        var key = string.Create(CultureInfo.InvariantCulture, $"{q.Symbol}|{q.BarSeconds}|{q.SessionStartUtc:O}|{q.RegularHoursOnly}");
        var now = _time.GetUtcNow();
        var known = _sessionBars.TryGetValue(key, out var last);
        // The same question within 15 s is a pacing violation at IB: the answer is still fresh, so it is the answer.
        if (known && now - last.At < IdenticalRequestGap) return new BrokerBars(last.Bars);
        if (q.BarSeconds <= 30 && !SmallBarPacer.TryTake()) return new BrokerBars(known ? last.Bars : [], Paced: true);

        var span = (long)Math.Ceiling((q.EndUtc - q.SessionStartUtc).TotalSeconds / q.BarSeconds) * q.BarSeconds;
        var duration = string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp(span, q.BarSeconds, 86_400)} S");
        var contract = await _contracts.ResolveAsync(q.Symbol, ContractDetailsAsync, ct);
        var answer = await HistoryAsync(contract, q.EndUtc, duration, barSize, q.RegularHoursOnly, ct);
        List<Bar> bars = [.. answer.Bars
            .Where(b => b.StartUtc is { } s && s >= q.SessionStartUtc && s < q.EndUtc && b.Open is not null && b.High is not null && b.Low is not null && b.Close is not null)
            .Select(b => new Bar(b.StartUtc!.Value, b.Open!.Value, b.High!.Value, b.Low!.Value, b.Close!.Value, b.Volume ?? 0))
            .OrderBy(b => b.StartUtc)];
        _sessionBars[key] = (now, bars);
        return new BrokerBars(bars);
    }

    /// <summary>Daily TRADES bars (regular hours) of the last two weeks; the close of the bar dated <paramref name="previousTradeDate"/>.
    /// Kept for the process once found: yesterday's close does not change.</summary>
    public async Task<decimal?> GetPreviousCloseAsync(string symbol, DateOnly previousTradeDate, CancellationToken ct)
    {
        if (_previousCloses.TryGetValue((symbol, previousTradeDate), out var known)) return known;
        var contract = await _contracts.ResolveAsync(symbol, ContractDetailsAsync, ct);
        var answer = await HistoryAsync(contract, _time.GetUtcNow(), "10 D", "1 day", regularHoursOnly: true, ct);
        if (answer.Bars.FirstOrDefault(b => b.Date == previousTradeDate)?.Close is not { } close) return null;
        _previousCloses[(symbol, previousTradeDate)] = close;
        return close;
    }

    public async Task<IReadOnlyList<string>> ScanTopGainersAsync(TopGainersQuery q, CancellationToken ct)
    {
        var id = _client.NewRequestId();
        var subscription = TwsScannerSubscription.TopPercentGainers(q.MaxRows, q.MinPrice, q.MaxPrice);
        var answer = (ScannerDataMessage)await ByRequestIdAsync(id, m => m is ScannerDataMessage s && s.RequestId == id,
            () => _client.RequestScannerSubscription(id, subscription), () => _client.CancelScannerSubscription(id), ct);
        // One snapshot is all a scan needs; TWS would keep sending updates until cancelled.
        try { _client.CancelScannerSubscription(id); } catch (TwsNotConnectedException) { }
        return [.. answer.Rows.Where(r => r.Contract.SecType == "STK").OrderBy(r => r.Rank)
            .Select(r => r.Contract.Symbol.Replace(' ', '.')).Distinct(StringComparer.OrdinalIgnoreCase).Take(q.MaxRows)];
    }

    private async Task<HistoricalDataMessage> HistoryAsync(TwsContract contract, DateTimeOffset endUtc, string duration, string barSize,
        bool regularHoursOnly, CancellationToken ct)
    {
        var id = _client.NewRequestId();
        return (HistoricalDataMessage)await ByRequestIdAsync(id, m => m is HistoricalDataMessage h && h.RequestId == id,
            () => _client.RequestHistoricalData(id, contract, endUtc, duration, barSize, "TRADES", regularHoursOnly),
            () => _client.CancelHistoricalData(id), ct);
    }

    /// <summary>Sends one request and waits for its answer or its error (e.g. 162 "HMDS query returned no data", 200 no such
    /// contract). Not serialised with the other queries: the request id tells the answers apart.</summary>
    private async Task<TwsMessage> ByRequestIdAsync(int id, Func<TwsMessage, bool> isAnswer, Action send, Action cancel, CancellationToken ct)
    {
        TwsMessage? answer = null;
        var reply = _replies.Expect(false, _ => false, m =>
        {
            var mine = isAnswer(m) || m is TwsErrorMessage { Kind: TwsErrorKind.Error } e && e.Id == id;
            if (mine) answer = m;
            return mine;
        });
        try { send(); }
        catch
        {
            reply.Abandon();
            throw;
        }
        try { await reply.WaitAsync(ReplyTimeout, TimeProvider.System, ct); }
        catch (TimeoutException)
        {
            try { cancel(); } catch (TwsNotConnectedException) { }
            throw new TimeoutException($"TWS did not answer request {id} within {ReplyTimeout.TotalSeconds:0} s");
        }
        return answer is TwsErrorMessage error ? throw new IbMarketDataException($"TWS error {error.Code}: {error.Text}") : answer!;
    }

    /// <summary>IB's bar size names for the bar lengths it has; null for a length it does not offer.</summary>
    internal static string? BarSize(int seconds) => seconds switch
    {
        1 => "1 secs", 5 => "5 secs", 10 => "10 secs", 15 => "15 secs", 30 => "30 secs",
        60 => "1 min", 120 => "2 mins", 180 => "3 mins", 300 => "5 mins", 600 => "10 mins", 900 => "15 mins",
        1200 => "20 mins", 1800 => "30 mins", 3600 => "1 hour",
        _ => null,
    };
}

/// <summary>TWS refused a historical-data or scanner request (the text says why).</summary>
internal sealed class IbMarketDataException(string message) : Exception(message);
