using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using static BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake.FakeTwsBook;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>One client socket of the fake TWS.</summary>
internal sealed partial class FakeTwsSession(FakeTwsServer server, TcpClient tcp)
{
    private const int NonComboPlaceOrderFields = 114;
    private readonly NetworkStream _stream = tcp.GetStream();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private int _clientId = -1;
    private int _released;
    private bool _closed;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!await HandshakeAsync(ct))
            return;
        try
        {
            while (await FakeTwsWire.ReadFrameAsync(_stream, ct) is { } payload)
            {
                var fields = FakeTwsWire.Fields(payload);
                server.Received.Enqueue(new FakeReceived(_clientId, fields));
                await DispatchAsync(fields);
            }
        }
        finally
        {
            ReleaseClientIdOnce();
        }
    }

    public async Task SendAsync(params string[] fields)
    {
        await _writeGate.WaitAsync();
        try
        {
            if (!_closed)
                await _stream.WriteAsync(FakeTwsWire.Frame(fields));
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            _closed = true;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task CloseAsync(bool reset = false)
    {
        await _writeGate.WaitAsync();
        try
        {
            _closed = true;
            if (reset && tcp.Client is { Connected: true } socket)
                socket.LingerState = new LingerOption(true, 0);
            tcp.Dispose();
            ReleaseClientIdOnce();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task SendPartialFrameThenCloseAsync()
    {
        var frame = FakeTwsWire.Frame(["3", "1001", "Filled", "1", "0", "100", "9", "0", "100", "7", "", "0"]);
        await _writeGate.WaitAsync();
        try
        {
            await _stream.WriteAsync(frame.AsMemory(0, frame.Length / 2));
            await _stream.FlushAsync();
        }
        finally
        {
            _writeGate.Release();
        }
        await CloseAsync();
    }

    // Once only: a late release from this old session must not free the id a new session has claimed.
    private void ReleaseClientIdOnce()
    {
        if (_clientId >= 0 && Interlocked.Exchange(ref _released, 1) == 0)
            server.ReleaseClientId(_clientId);
    }

    [GeneratedRegex(@"^v(\d+)\.\.(\d+)( .*)?$")]
    private static partial Regex VersionRange();

    /// <summary>Reference §8.1-8.2. False if the session ends during the handshake.</summary>
    private async Task<bool> HandshakeAsync(CancellationToken ct)
    {
        var prefix = new byte[4];
        if (!await FakeTwsWire.ReadExactlyOrEofAsync(_stream, prefix, ct) || Encoding.ASCII.GetString(prefix) != "API\0")
            return false;
        var hello = await FakeTwsWire.ReadFrameAsync(_stream, ct);
        var text = hello is null ? "" : Encoding.ASCII.GetString(hello);
        server.Handshakes.Enqueue(text);
        var match = VersionRange().Match(text);
        if (!match.Success || int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > FakeTwsServer.MaxVersion)
            return false;
        await SendAsync("178", "20260101 09:30:00 EST");

        var start = await FakeTwsWire.ReadFrameAsync(_stream, ct);
        if (start is null)
            return false;
        var fields = FakeTwsWire.Fields(start);
        if (fields is not ["71", "2", var clientIdText, _])
        {
            server.Violations.Enqueue($"START_API malformed: {string.Join('|', fields)}");
            return false;
        }
        var clientId = int.Parse(clientIdText, CultureInfo.InvariantCulture);
        server.StartApiClientIds.Enqueue(clientId);
        if (!server.TryClaimClientId(clientId))
        {
            await SendAsync(FakeTwsWire.Pipes("4|2|-1|326|Unable to connect as the client id is already in use. Retry with a unique client id.||"));
            await CloseAsync();
            return false;
        }
        _clientId = clientId;
        int nextId;
        lock (server.Book.Gate)
            nextId = server.Book.NextOrderId;
        if (server.SendManagedAccounts)
            await SendAsync("15", "1", FakeTwsServer.Account);
        if (server.SendNextValidId)
            await SendAsync("9", "1", S(nextId));
        await SendAsync(FakeTwsWire.Pipes("4|2|-1|2104|Market data farm connection is OK:usfarm||"));
        return true;
    }

    private Task DispatchAsync(string[] f) => f[0] switch
    {
        "3" => PlaceOrderAsync(f),
        "4" => CancelOrderAsync(int.Parse(f[2], CultureInfo.InvariantCulture)),
        "8" => SendAsync("9", "1", S(NextOrderId())),
        "49" => server.AnswerPings ? SendAsync("49", "1", S(DateTimeOffset.UtcNow.ToUnixTimeSeconds())) : Task.CompletedTask,
        "5" or "16" => OpenOrdersAsync(),
        "7" => ExecutionsAsync(int.Parse(f[2], CultureInfo.InvariantCulture)),
        "61" => PositionsAsync(),
        "62" => AccountSummaryAsync(f[2]),
        "1" => MarketDataAsync(f),
        "9" => IsFuturesChainQuery(f) ? FuturesChainAsync(f) : ContractDataAsync(f),
        "20" => HistoricalDataAsync(f),
        "22" => ScannerSubscriptionAsync(f),
        "23" => CancelScannerSubscriptionAsync(f),
        _ => Task.CompletedTask,
    };

    private int NextOrderId()
    {
        lock (server.Book.Gate)
            return server.Book.NextOrderId;
    }

    private async Task PlaceOrderAsync(string[] f)
    {
        var expected = ExpectedPlaceOrderFields(f);
        if (f.Length != expected)
        {
            server.Violations.Enqueue($"PLACE_ORDER has {f.Length} fields, expected {expected}");
            await SendAsync("4", "2", f[1], "322", $"Error processing request: {f.Length} fields, expected {expected}", "");
            return;
        }
        var parsed = FakeOrder.Parse(f, _clientId);
        if (await RefusedModifyAsync(parsed))
            return;
        FakeOrder order;
        FakeFill? fill = null;
        lock (server.Book.Gate)
        {
            var book = server.Book;
            var known = book.Orders.TryGetValue(parsed.OrderId, out var existing);
            // A closed order's id, or an old id never used, is a duplicate; a working order's id is a modify.
            if (known && !existing!.IsWorking || !known && parsed.OrderId < book.NextOrderId)
                order = parsed;
            else
            {
                order = parsed with { PermId = existing?.PermId ?? book.NextPermId++ };
                book.Orders[order.OrderId] = order;
                book.NextOrderId = Math.Max(book.NextOrderId, order.OrderId + 1);
                if (server.FillMarketOrders && order.OrderType == "MKT" && order.Transmit && order.SecType != "BAG")
                    fill = book.Fill(order, server.FillPrice);
            }
        }
        if (ReferenceEquals(order, parsed))
        {
            await SendAsync("4", "2", S(parsed.OrderId), "103", "Duplicate order id", "");
            return;
        }
        var submitted = order with { };
        submitted.Status = "Submitted";
        await SendAsync(OpenOrder(submitted));
        await SendAsync(Status(submitted, 0, order.Quantity, "0"));
        if (fill is not null)
        {
            await SendAsync(FakeTwsBook.Execution(fill, -1));
            await SendAsync(Status(order, order.Quantity, 0, S(fill.Price)));
            await SendAsync(Commission(fill));
        }
        await ComboPlacedAsync(order, f);
    }

    /// <summary>114 for a non-BAG order; a BAG adds its leg block after field 35 (reference §5.3).</summary>
    private static int ExpectedPlaceOrderFields(string[] f)
    {
        if (f.Length < 36 || f[4] != "BAG")
            return NonComboPlaceOrderFields;
        var legs = int.Parse(f[35], CultureInfo.InvariantCulture);
        var pricesAt = 36 + legs * 8;
        var prices = int.Parse(f[pricesAt], CultureInfo.InvariantCulture);
        var paramsAt = pricesAt + 1 + prices;
        var smartParams = int.Parse(f[paramsAt], CultureInfo.InvariantCulture);
        return NonComboPlaceOrderFields + 1 + legs * 8 + 1 + prices + 1 + smartParams * 2;
    }

    private async Task CancelOrderAsync(int orderId)
    {
        if (!server.AnswerCancels) return;
        if (await FilledBeforeCancelAsync(orderId))
            return;
        if (await RefusedCancelAsync(orderId))
            return;
        FakeOrder? order;
        bool cancelled = false;
        lock (server.Book.Gate)
        {
            if (server.Book.Orders.TryGetValue(orderId, out order) && order.IsWorking)
            {
                order.Status = "Cancelled";
                cancelled = true;
            }
        }
        if (order is null)
            await SendAsync("4", "2", S(orderId), "10147", $"OrderId {orderId} that needs to be cancelled is not found.", "");
        else if (!cancelled)
            await SendAsync("4", "2", S(orderId), "10148", $"OrderId {orderId} that needs to be cancelled cannot be cancelled, state: {order.Status}.", "");
        else
        {
            await SendAsync(Status(order, 0, order.Quantity, "0"));
            await SendAsync("4", "2", S(orderId), "202", "Order Canceled - reason:", "");
        }
    }

    private async Task OpenOrdersAsync()
    {
        FakeOrder[] working;
        lock (server.Book.Gate)
            working = [.. server.Book.Orders.Values.Where(o => o.IsWorking).OrderBy(o => o.OrderId)];
        foreach (var order in working)
        {
            await SendAsync(OpenOrder(order));
            await SendAsync(Status(order, 0, order.Quantity, "0"));
        }
        await SendAsync("53", "1");
    }

    private async Task ExecutionsAsync(int requestId)
    {
        FakeFill[] fills;
        lock (server.Book.Gate)
            fills = [.. server.Book.Fills];
        foreach (var fill in fills)
        {
            await SendAsync(FakeTwsBook.Execution(fill, requestId));
            await SendAsync(Commission(fill));
        }
        await OptionExecutionsAsync(requestId);
        await SendAsync("55", "1", S(requestId));
    }

    private async Task PositionsAsync()
    {
        KeyValuePair<string, (int ConId, decimal Position, decimal AverageCost)>[] positions;
        lock (server.Book.Gate)
            positions = [.. server.Book.Positions];
        foreach (var (symbol, p) in positions)
            if (!server.FuturesByMonth || server.IsStock(symbol)) await SendAsync(server.PositionFields(symbol, p));
        if (server.FuturesByMonth)
            foreach (var fields in server.MonthPositionFields().ToList()) await SendAsync(fields);
        await OptionPositionsAsync();
        await SendAsync("62", "1");
    }

    private async Task AccountSummaryAsync(string requestId)
    {
        await SendAsync("63", "1", requestId, FakeTwsServer.Account, "NetLiquidation", "1000123.45", "USD");
        await SendAsync("63", "1", requestId, FakeTwsServer.Account, "TotalCashValue", "999000.5", "USD");
        await SendAsync("64", "1", requestId);
    }

    private async Task MarketDataAsync(string[] f)
    {
        if (await OptionMarketDataAsync(f))
            return;
        var requestId = f[2];
        await SendAsync("58", "1", requestId, "3");
        await SendAsync("1", "6", requestId, "66", "21500.25", "3", "0");
        await SendAsync("2", "6", requestId, "69", "7");
    }

    private async Task ContractDataAsync(string[] f)
    {
        if (await OptionContractDataAsync(f))
            return;
        var requestId = f[2];
        var symbol = f[4];
        await SendAsync(
            "10", requestId, symbol, "FUT", "20260320-09:30:00", "0", "", "CME", "USD", symbol + "H6", symbol, symbol,
            "711280073", "0.25", "2", "ACTIVETIM,LMT,MKT,STP", "CME,QBALGO", "1", "0", "Micro E-mini Nasdaq-100", "",
            "202603", "", "", "", "US/Central", "20260101:1700-20260102:1600", "20260102:0830-20260102:1600", "", "",
            "0", "1", symbol, "IND", "26", "20260320", "", "1", "1", "1");
        await SendAsync("52", "1", requestId);
    }
}
