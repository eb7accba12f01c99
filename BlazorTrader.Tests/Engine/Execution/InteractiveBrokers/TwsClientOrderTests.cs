using System.Globalization;
using BlazorTrader.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

/// <summary>Orders and reconciliation queries end to end: what the fake received, and what the client parsed back.</summary>
public class TwsClientOrderTests
{
    private static readonly TwsContract Mnq = TwsContract.Future("MNQ", "202603", "CME");

    [Fact]
    public async Task MarketOrder_ArrivesWith114Fields_AndComesBackSubmittedThenFilledWithExecutionAndCommission()
    {
        await using var h = await TwsHarness.ConnectedAsync();

        var orderId = await h.Client.PlaceOrderAsync(Mnq, TwsOrder.Market(TwsAction.Buy, 2, "intent-42"));

        await h.Fake.WaitForReceivedAsync(3);
        var sent = Assert.Single(h.Fake.ReceivedMessages(3));
        Assert.Equal(114, sent.Length);
        Assert.Equal(("1000", "MNQ", "BUY", "2", "MKT", "intent-42", "1"), (sent[1], sent[3], sent[16], sent[17], sent[18], sent[26], sent[27]));
        Assert.Empty(h.Fake.Violations);
        Assert.Equal(1000, orderId);

        var open = await h.Client.Messages.NextAsync<OpenOrderMessage>(o => o.OrderId == orderId);
        var submitted = await h.Client.Messages.NextAsync<OrderStatusMessage>();
        var fill = await h.Client.Messages.NextAsync<ExecutionDataMessage>();
        var filled = await h.Client.Messages.NextAsync<OrderStatusMessage>();
        var commission = await h.Client.Messages.NextAsync<CommissionReportMessage>();

        Assert.Equal(("intent-42", "MNQ", 7), (open.OrderRef, open.Contract.Symbol, open.ClientId));
        Assert.Null(open.LimitPrice);
        Assert.Equal((orderId, "Submitted", 0m, 2m), (submitted.OrderId, submitted.Status, submitted.Filled, submitted.Remaining));
        Assert.Equal((orderId, "BOT", 2m, 21500.25m, "intent-42", -1), (fill.OrderId, fill.Side, fill.Shares, fill.Price, fill.OrderRef, fill.RequestId));
        Assert.Equal((orderId, "Filled", 2m, 0m, 21500.25m), (filled.OrderId, filled.Status, filled.Filled, filled.Remaining, filled.AverageFillPrice));
        Assert.Equal((fill.ExecId, 1.24m, (decimal?)null), (commission.ExecId, commission.Commission, commission.RealizedPnl));
    }

    [Fact]
    public async Task LimitOrder_StaysWorking_AndCancelGivesCancelledAnd202()
    {
        await using var h = await TwsHarness.ConnectedAsync();

        var orderId = await h.Client.PlaceOrderAsync(Mnq, TwsOrder.Limit(TwsAction.Buy, 1, 18250.25m, "intent-limit"));
        await h.Client.Messages.NextAsync<OrderStatusMessage>(s => s.OrderId == orderId && s.Status == "Submitted");
        h.Client.CancelOrder(orderId);

        var cancelled = await h.Client.Messages.NextAsync<OrderStatusMessage>(s => s.OrderId == orderId);
        var notice = await h.Client.Messages.NextAsync<TwsErrorMessage>(e => e.Id == orderId);
        var sent = h.Fake.ReceivedMessages(3)[0];
        Assert.Equal(("LMT", "18250.25", "", "intent-limit"), (sent[18], sent[19], sent[20], sent[26]));
        Assert.Equal("Cancelled", cancelled.Status);
        Assert.Equal(202, notice.Code);
        Assert.Equal(["4", "1", orderId.ToString(CultureInfo.InvariantCulture), ""], h.Fake.ReceivedMessages(4)[0]);
    }

    [Fact]
    public async Task CancellingAFilledOrder_Gives10148()
    {
        await using var h = await TwsHarness.ConnectedAsync();
        var orderId = await h.Client.PlaceOrderAsync(Mnq, TwsOrder.Market(TwsAction.Sell, 1, "r"));
        await h.Client.Messages.NextAsync<OrderStatusMessage>(s => s.OrderId == orderId && s.IsFilled);

        h.Client.CancelOrder(orderId);

        Assert.Contains("Filled", (await h.Client.Messages.NextAsync<TwsErrorMessage>(e => e.Code == 10148)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopOrder_CarriesItsStopInAuxPrice()
    {
        await using var h = await TwsHarness.ConnectedAsync();

        var orderId = await h.Client.PlaceOrderAsync(Mnq, TwsOrder.Stop(TwsAction.Sell, 1, 18100m, "intent-stop"));

        var open = await h.Client.Messages.NextAsync<OpenOrderMessage>(o => o.OrderId == orderId);
        Assert.Equal(("STP", (decimal?)null, 18100m), (open.OrderType, open.LimitPrice, open.AuxPrice));
        Assert.Equal(114, h.Fake.ReceivedMessages(3)[0].Length);
    }

    [Fact]
    public async Task Bracket_ArrivesAsThreeOrders_LinkedAndTransmittedByTheLast()
    {
        await using var h = await TwsHarness.ConnectedAsync();
        var bracket = new TwsBracketOrder(TwsOrder.Limit(TwsAction.Buy, 1, 18250m, "intent-b"), TakeProfitPrice: 18300m, StopLossPrice: 18200m);

        var ids = await h.Client.PlaceBracketOrderAsync(Mnq, bracket);

        await h.Fake.WaitForReceivedAsync(3, 3);
        var sent = h.Fake.ReceivedMessages(3);
        Assert.Equal(new TwsBracketOrderIds(1000, 1001, 1002), ids);
        Assert.All(sent, f => Assert.Equal(114, f.Length));
        Assert.Equal(["1000", "1001", "1002"], sent.Select(f => f[1]));
        Assert.Equal(["intent-b", "intent-b:tp", "intent-b:sl"], sent.Select(f => f[26]));
        Assert.Equal(["0", "0", "1"], sent.Select(f => f[27]));
        Assert.Equal(["0", "1000", "1000"], sent.Select(f => f[28]));
        Assert.Equal(["", "bracket-1000", "bracket-1000"], sent.Select(f => f[22]));
        Assert.Empty(h.Fake.Violations);
        Assert.Equal(1003, await h.Ids.AllocateAsync());
    }

    [Fact]
    public async Task ComboOrder_ArrivesWithItsLegBlock_AndTheFakeAcceptsTheFieldCount()
    {
        await using var h = await TwsHarness.ConnectedAsync();
        var legs = new TwsComboLeg[] { new(701, 1, TwsAction.Sell, "SMART"), new(702, 1, TwsAction.Buy, "SMART"), new(703, 1, TwsAction.Sell, "SMART"), new(704, 1, TwsAction.Buy, "SMART") };

        var orderId = await h.Client.PlaceOrderAsync(TwsContract.Combo("SPX", legs), TwsOrder.Limit(TwsAction.Buy, 1, 4.5m, "calendar"));

        await h.Client.Messages.NextAsync<OrderStatusMessage>(s => s.OrderId == orderId && s.Status == "Submitted");
        Assert.Equal(114 + 35, h.Fake.ReceivedMessages(3)[0].Length);
        Assert.Empty(h.Fake.Violations);
    }

    [Fact]
    public async Task ModifyingAWorkingOrder_KeepsItsIdAndPermId_ButReusingAFilledId_Gives103()
    {
        await using var h = await TwsHarness.ConnectedAsync();
        var limitId = await h.Client.PlaceOrderAsync(Mnq, TwsOrder.Limit(TwsAction.Buy, 1, 18000m, "r1"));
        var first = await h.Client.Messages.NextAsync<OpenOrderMessage>(o => o.OrderId == limitId);

        h.Client.ModifyOrder(limitId, Mnq, TwsOrder.Limit(TwsAction.Buy, 1, 18010m, "r1"));
        var modified = await h.Client.Messages.NextAsync<OpenOrderMessage>(o => o.OrderId == limitId);
        var marketId = await h.Client.PlaceOrderAsync(Mnq, TwsOrder.Market(TwsAction.Buy, 1, "r2"));
        await h.Client.Messages.NextAsync<OrderStatusMessage>(s => s.OrderId == marketId && s.IsFilled);
        h.Client.ModifyOrder(marketId, Mnq, TwsOrder.Market(TwsAction.Buy, 1, "r2"));

        Assert.Equal((first.PermId, 18010m), (modified.PermId, modified.LimitPrice));
        Assert.Equal(103, (await h.Client.Messages.NextAsync<TwsErrorMessage>(e => e.Id == marketId)).Code);
    }

    [Fact]
    public async Task Reconcile_OpenOrdersExecutionsAndPositions_AnswerFromTheFakesBook()
    {
        await using var h = await TwsHarness.ConnectedAsync();
        var filledId = await h.Client.PlaceOrderAsync(Mnq, TwsOrder.Market(TwsAction.Buy, 3, "intent-fill"));
        var workingId = await h.Client.PlaceOrderAsync(Mnq, TwsOrder.Limit(TwsAction.Sell, 1, 19000m, "intent-work"));
        await h.Client.Messages.NextAsync<OrderStatusMessage>(s => s.OrderId == workingId);

        h.Client.RequestOpenOrders();
        var open = await h.Client.Messages.NextAsync<OpenOrderMessage>();
        await h.Client.Messages.NextAsync<OpenOrderEndMessage>();
        var requestId = h.Client.RequestExecutions(new TwsExecutionFilter(ClientId: h.Client.ClientId));
        var execution = await h.Client.Messages.NextAsync<ExecutionDataMessage>();
        await h.Client.Messages.NextAsync<CommissionReportMessage>(c => c.ExecId == execution.ExecId);
        var executionsEnd = await h.Client.Messages.NextAsync<ExecutionDataEndMessage>();
        h.Client.RequestPositions();
        var position = await h.Client.Messages.NextAsync<PositionMessage>();
        await h.Client.Messages.NextAsync<PositionEndMessage>();

        Assert.Equal((workingId, "intent-work"), (open.OrderId, open.OrderRef));
        Assert.Equal((requestId, filledId, "intent-fill"), (execution.RequestId, execution.OrderId, execution.OrderRef));
        Assert.Equal(requestId, executionsEnd.RequestId);
        Assert.Equal(("MNQ", 3m, FakeTwsServer.Account), (position.Contract.Symbol, position.Position, position.Account));
        Assert.Equal(["7", "3", requestId.ToString(CultureInfo.InvariantCulture), "7", "", "", "", "", "", ""], h.Fake.ReceivedMessages(7)[0]);
    }

    [Fact]
    public async Task MarketDataAndContractDetails_RoundTrip()
    {
        await using var h = await TwsHarness.ConnectedAsync();

        h.Client.RequestMarketDataType(TwsMarketDataType.Delayed);
        var ticksId = h.Client.RequestMarketData(Mnq);
        var type = await h.Client.Messages.NextAsync<MarketDataTypeMessage>();
        var tick = await h.Client.Messages.NextAsync<TickPriceMessage>();
        var size = await h.Client.Messages.NextAsync<TickSizeMessage>();
        var detailsId = h.Client.RequestContractDetails(Mnq);
        var details = await h.Client.Messages.NextAsync<ContractDataMessage>();
        await h.Client.Messages.NextAsync<ContractDataEndMessage>(e => e.RequestId == detailsId);

        Assert.Equal(["59", "1", "3"], h.Fake.ReceivedMessages(59)[0]);
        Assert.Equal((ticksId, TwsMarketDataType.Delayed), (type.RequestId, type.Type));
        Assert.Equal((ticksId, 66, 21500.25m), (tick.RequestId, tick.TickType, tick.Price));
        Assert.Equal((ticksId, 7m), (size.RequestId, size.Size));
        Assert.Equal((detailsId, 711280073, 0.25m), (details.RequestId, details.Contract.ConId, details.MinTick));
        Assert.NotEqual(ticksId, detailsId);
    }

    [Fact]
    public async Task FillWhileAway_ComesBackOnlyThroughExecutionsAfterTheReconnect()
    {
        await using var h = await TwsHarness.ConnectedAsync(o => o with { InitialReconnectDelay = TimeSpan.FromSeconds(1) });
        var orderId = await h.Client.PlaceOrderAsync(Mnq, TwsOrder.Limit(TwsAction.Buy, 1, 18000m, "intent-away"));
        await h.Client.Messages.NextAsync<OrderStatusMessage>(s => s.OrderId == orderId);

        await h.Fake.DropAllAsync();
        await h.Client.Messages.NextStateAsync(TwsConnectionState.Disconnected);
        h.Fake.FillSilently(orderId, 17999.75m);
        await h.Client.Messages.NextWhileAsync<ConnectionStateChanged>(() => h.Time.Advance(TimeSpan.FromSeconds(1)),
            s => s.State == TwsConnectionState.Connected);
        h.Client.RequestOpenOrders();
        var openOrders = await h.Client.Messages.CollectUntilAsync<OpenOrderEndMessage>();
        h.Client.RequestExecutions(TwsExecutionFilter.All);
        var fill = await h.Client.Messages.NextAsync<ExecutionDataMessage>();

        Assert.DoesNotContain(openOrders, m => m is OpenOrderMessage o && o.OrderId == orderId);
        Assert.Equal((orderId, "intent-away", 17999.75m), (fill.OrderId, fill.OrderRef, fill.Price));
    }

    [Fact]
    public async Task OrderIds_AreNeverReused_AcrossAClientRestart_EvenWhenTwsReportsAnOldNextValidId()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("tws-ids-").FullName, "next-order-id");
        await using var fake = FakeTwsServer.Start(nextOrderId: 1000);
        fake.FillMarketOrders = false;   // nothing fills, so TWS's own sequence does not move past our ids
        int firstId;
        await using (var before = TwsHarness.Create(ids: new FileOrderIdStore(path), fake: fake))
        {
            await before.Client.ConnectAsync().WaitAsync(TwsHarness.NetworkTimeout);
            firstId = await before.Client.PlaceOrderAsync(Mnq, TwsOrder.Market(TwsAction.Buy, 1, "a"));
            await before.Client.Messages.NextAsync<OrderStatusMessage>(s => s.OrderId == firstId);
        }
        lock (fake.Book.Gate)
            fake.Book.NextOrderId = 1000;   // e.g. TWS was reset or restarted without our order

        await using var after = TwsHarness.Create(ids: new FileOrderIdStore(path), fake: fake);
        await after.Client.ConnectAsync().WaitAsync(TwsHarness.NetworkTimeout);
        var secondId = await after.Client.PlaceOrderAsync(Mnq, TwsOrder.Market(TwsAction.Buy, 1, "b"));

        Assert.Equal(1000, firstId);
        Assert.Equal(1001, secondId);
    }
}
