using BlazorTrader.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

/// <summary>End to end against the fake TWS over real loopback TCP: handshake, readiness, link state, faults, pacing.</summary>
public class TwsClientConnectionTests
{
    [Fact]
    public async Task Connect_OffersVersions100To178_AndIsReadyWithAccountsAndNextValidId()
    {
        await using var h = await TwsHarness.ConnectedAsync();

        Assert.Equal(TwsConnectionState.Connected, h.Client.State);
        Assert.Equal(178, h.Client.ServerVersion);
        Assert.Equal([FakeTwsServer.Account], h.Client.ManagedAccounts);
        Assert.Equal(["v100..178"], h.Fake.Handshakes);
        Assert.Equal(1000, await h.Ids.AllocateAsync());
        await h.Client.Messages.NextStateAsync(TwsConnectionState.Connecting);
        var farm = await h.Client.Messages.NextAsync<TwsErrorMessage>();
        Assert.Equal((2104, TwsErrorKind.Info), (farm.Code, farm.Kind));
    }

    [Fact]
    public async Task DuplicateClientId_IsReportedAsClientIdRejected_AndNotRetried()
    {
        await using var h = TwsHarness.Create();
        h.Fake.OccupyClientId(h.Options.ClientId);

        var ex = await Assert.ThrowsAsync<TwsClientIdInUseException>(() => h.Client.ConnectAsync().WaitAsync(TwsHarness.NetworkTimeout));

        Assert.Equal(7, ex.ClientId);
        Assert.Contains("already in use", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TwsConnectionState.ClientIdRejected, h.Client.State);
        await h.Client.Messages.NextStateAsync(TwsConnectionState.ClientIdRejected);
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(100);
        Assert.Single(h.Fake.Handshakes);
    }

    [Fact]
    public async Task SecondClientWithTheSameId_GetsRejected_WhileTheFirstStaysConnected()
    {
        await using var first = await TwsHarness.ConnectedAsync();
        await using var second = new TwsClient(first.Options, new InMemoryOrderIdStore(), first.Time);

        await Assert.ThrowsAsync<TwsClientIdInUseException>(() => second.ConnectAsync().WaitAsync(TwsHarness.NetworkTimeout));

        Assert.Equal(TwsConnectionState.ClientIdRejected, second.State);
        Assert.Equal(TwsConnectionState.Connected, first.Client.State);
    }

    [Fact]
    public async Task NoTwsListening_FailsWithAConnectExceptionAndStateDisconnected()
    {
        var fake = FakeTwsServer.Start();
        var port = fake.Port;
        await fake.DisposeAsync();
        await using var client = new TwsClient(new TwsClientOptions { Port = port }, new InMemoryOrderIdStore(), TimeProvider.System);

        await Assert.ThrowsAsync<TwsConnectException>(() => client.ConnectAsync().WaitAsync(TwsHarness.NetworkTimeout));

        Assert.Equal(TwsConnectionState.Disconnected, client.State);
    }

    [Fact]
    public async Task UnknownMessageId_IsSkippedByLength_AndTheNextMessageStillArrives()
    {
        await using var h = await TwsHarness.ConnectedAsync();

        await h.Fake.SendToAllAsync("777", "1", "some", "future", "fields", "");
        await h.Fake.SendToAllAsync("9", "1", "4242");

        Assert.Equal(4242, (await h.Client.Messages.NextAsync<NextValidIdMessage>(m => m.OrderId == 4242)).OrderId);
        Assert.Equal(TwsConnectionState.Connected, h.Client.State);
    }

    [Fact]
    public async Task LinkLost1100_ThenRestored1102_MovesTheStateAndBlocksNewOrdersMeanwhile()
    {
        await using var h = await TwsHarness.ConnectedAsync();

        await h.Fake.SendSystemErrorAsync(1100, "Connectivity between IB and Trader Workstation has been lost.");
        await h.Client.Messages.NextStateAsync(TwsConnectionState.LinkLost);
        var refused = await Assert.ThrowsAsync<TwsNotConnectedException>(() =>
            h.Client.PlaceOrderAsync(TwsContract.Future("MNQ", "202603", "CME"), TwsOrder.Market(TwsAction.Buy, 1, "r")));
        await h.Fake.SendSystemErrorAsync(1102, "Connectivity between IB and Trader Workstation has been restored - data maintained.");
        var restored = await h.Client.Messages.NextStateAsync(TwsConnectionState.Restored);

        Assert.Equal(TwsConnectionState.LinkLost, refused.State);
        Assert.StartsWith("1102", restored.Reason, StringComparison.Ordinal);
        Assert.Equal(TwsConnectionState.Restored, h.Client.State);
        Assert.Empty(h.Fake.ReceivedMessages(3));
    }

    [Fact]
    public async Task Restored1101_SaysDataWasLost()
    {
        await using var h = await TwsHarness.ConnectedAsync();

        await h.Fake.SendSystemErrorAsync(1100, "lost");
        await h.Fake.SendSystemErrorAsync(1101, "restored - data lost");

        Assert.Contains("data lost", (await h.Client.Messages.NextStateAsync(TwsConnectionState.Restored)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DroppedSocket_IsReconnectedAfterTheBackoff_WithTheSameClientId()
    {
        await using var h = await TwsHarness.ConnectedAsync(o => o with { InitialReconnectDelay = TimeSpan.FromSeconds(2) });

        await h.Fake.DropAllAsync();
        await h.Client.Messages.NextStateAsync(TwsConnectionState.Disconnected);
        Assert.Throws<TwsNotConnectedException>(() => h.Client.RequestPositions());
        await Task.Delay(50);
        Assert.Single(h.Fake.Handshakes);   // no reconnect before the backoff elapsed

        await TwsTestExtensions.EventuallyAsync(() => h.Client.State == TwsConnectionState.Connected, "reconnected",
            between: () => h.Time.Advance(TimeSpan.FromSeconds(1)));

        Assert.Equal(2, h.Fake.Handshakes.Count);
        Assert.Equal([7, 7], h.Fake.StartApiClientIds);
        h.Client.RequestPositions();
        await h.Fake.WaitForReceivedAsync(61);
    }

    [Fact]
    public async Task TwsDownForAWhile_IsRetriedWithGrowingBackoff_UntilItIsBack()
    {
        await using var h = await TwsHarness.ConnectedAsync(o => o with { InitialReconnectDelay = TimeSpan.FromSeconds(1) });
        h.Fake.RefuseConnections = true;

        await h.Fake.DropAllAsync();
        await h.Client.Messages.NextStateAsync(TwsConnectionState.Disconnected);
        var attemptTimes = new List<DateTimeOffset>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await h.Client.Messages.NextWhileAsync<ConnectionStateChanged>(() => h.Time.Advance(TimeSpan.FromMilliseconds(250)),
                s => s.State == TwsConnectionState.Connecting);
            attemptTimes.Add(h.Time.GetUtcNow());
            await h.Client.Messages.NextStateAsync(TwsConnectionState.Disconnected);
        }
        h.Fake.RefuseConnections = false;

        var gaps = attemptTimes.Zip(attemptTimes.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps[0] < gaps[2], $"backoff should grow: {string.Join(", ", gaps)}");

        await TwsTestExtensions.EventuallyAsync(() => h.Client.State == TwsConnectionState.Connected, "reconnected",
            between: () => h.Time.Advance(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Ping_RoundTripsThroughRequestCurrentTime()
    {
        await using var h = await TwsHarness.ConnectedAsync();

        var time = await h.Client.PingAsync().WaitAsync(TwsHarness.NetworkTimeout);

        Assert.InRange(time, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Single(h.Fake.ReceivedMessages(49));
    }

    [Fact]
    public async Task SilentHang_FailsThePingAfterItsTimeout_AndTheKeepAliveDropsAndReconnects()
    {
        await using var h = await TwsHarness.ConnectedAsync(o => o with
        {
            KeepAliveInterval = TimeSpan.FromSeconds(30),
            PingTimeout = TimeSpan.FromSeconds(5),
            InitialReconnectDelay = TimeSpan.FromSeconds(1),
        });
        h.Fake.AnswerPings = false;

        var ping = h.Client.PingAsync();
        await h.Fake.WaitForReceivedAsync(49);
        h.Time.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<TimeoutException>(() => ping.WaitAsync(TwsHarness.NetworkTimeout));

        await TwsTestExtensions.EventuallyAsync(() => h.Fake.Handshakes.Count == 2, "a reconnect after the unanswered keep-alive",
            between: () => h.Time.Advance(TimeSpan.FromSeconds(1)));
        await h.Client.Messages.NextAsync<ConnectionStateChanged>(s => s.Reason.Contains("keep-alive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutgoingMessages_ArePacedByTheInjectedClock()
    {
        // 10 per second with a burst of 3: START_API took one token, so two requests leave at once, then one per 100 ms.
        await using var h = await TwsHarness.ConnectedAsync(o => o with { MessagesPerSecond = 10, Burst = 3 });

        for (var i = 0; i < 12; i++)
            h.Client.RequestIds();
        await h.Fake.WaitForReceivedAsync(8, 2);
        await Task.Delay(200);
        Assert.Equal(2, h.Fake.ReceivedMessages(8).Count);

        h.Time.Advance(TimeSpan.FromMilliseconds(100));
        await h.Fake.WaitForReceivedAsync(8, 3);
        await Task.Delay(100);
        Assert.Equal(3, h.Fake.ReceivedMessages(8).Count);

        h.Time.Advance(TimeSpan.FromSeconds(10));   // an idle bucket refills only up to the burst
        await h.Fake.WaitForReceivedAsync(8, 6);
        await Task.Delay(100);
        Assert.Equal(6, h.Fake.ReceivedMessages(8).Count);

        await TwsTestExtensions.EventuallyAsync(() => h.Fake.ReceivedMessages(8).Count == 12, "all requests sent",
            between: () => h.Time.Advance(TimeSpan.FromMilliseconds(100)));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task ReadyNeedsBothNextValidIdAndManagedAccounts_OtherwiseConnectTimesOut(bool sendAccounts, bool sendNextId)
    {
        await using var h = TwsHarness.Create(o => o with { ConnectTimeout = TimeSpan.FromSeconds(10) });
        h.Fake.SendManagedAccounts = sendAccounts;
        h.Fake.SendNextValidId = sendNextId;

        var connect = h.Client.ConnectAsync();
        await TwsTestExtensions.EventuallyAsync(() => h.Fake.StartApiClientIds.Count == 1, "START_API at the fake");
        await Task.Delay(100);
        Assert.False(connect.IsCompleted);
        Assert.Equal(TwsConnectionState.Connecting, h.Client.State);
        h.Time.Advance(TimeSpan.FromSeconds(10));

        var ex = await Assert.ThrowsAsync<TwsConnectException>(() => connect.WaitAsync(TwsHarness.NetworkTimeout));
        Assert.Contains("did not become ready", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TwsConnectionState.Disconnected, h.Client.State);
    }

    [Fact]
    public async Task MarkReconciled_TurnsRestoredBackIntoConnected_ButNotLinkLost()
    {
        await using var h = await TwsHarness.ConnectedAsync();
        await h.Fake.SendSystemErrorAsync(1100, "lost");
        await h.Client.Messages.NextStateAsync(TwsConnectionState.LinkLost);

        h.Client.MarkReconciled();
        Assert.Equal(TwsConnectionState.LinkLost, h.Client.State);
        await h.Fake.SendSystemErrorAsync(1102, "restored");
        await h.Client.Messages.NextStateAsync(TwsConnectionState.Restored);
        h.Client.MarkReconciled();

        Assert.Equal(TwsConnectionState.Connected, h.Client.State);
    }

    [Fact]
    public async Task ResetSocket_IsTreatedLikeADrop_AndReconnects()
    {
        await using var h = await TwsHarness.ConnectedAsync(o => o with { InitialReconnectDelay = TimeSpan.FromSeconds(1) });

        await h.Fake.ResetAllAsync();

        await h.Client.Messages.NextStateAsync(TwsConnectionState.Disconnected);
        await h.Client.Messages.NextWhileAsync<ConnectionStateChanged>(() => h.Time.Advance(TimeSpan.FromSeconds(1)),
            s => s.State == TwsConnectionState.Connected);
    }

    [Fact]
    public async Task PartialFrameThenClose_IsNotDeliveredAsAMessage_AndTheClientReconnects()
    {
        await using var h = await TwsHarness.ConnectedAsync(o => o with { InitialReconnectDelay = TimeSpan.FromSeconds(1) });

        await h.Fake.SendPartialFrameThenCloseAsync();

        var down = await h.Client.Messages.NextStateAsync(TwsConnectionState.Disconnected);
        Assert.Contains("unfinished frame", down.Reason, StringComparison.Ordinal);
        var seen = new List<TwsMessage>();
        await h.Client.Messages.NextWhileAsync<ConnectionStateChanged>(() => h.Time.Advance(TimeSpan.FromSeconds(1)),
            s => s.State == TwsConnectionState.Connected);
        while (h.Client.Messages.TryRead(out var message))
            seen.Add(message);
        Assert.DoesNotContain(seen, m => m is OrderStatusMessage);
    }

    [Fact]
    public async Task MalformedMessage_IsSkipped_AndTheSessionSurvives()
    {
        await using var h = await TwsHarness.ConnectedAsync();

        await h.Fake.SendToAllAsync("3", "not-a-number", "Filled");
        await h.Fake.SendToAllAsync("9", "1", "5555");

        await h.Client.Messages.NextAsync<NextValidIdMessage>(m => m.OrderId == 5555);
        Assert.Equal(TwsConnectionState.Connected, h.Client.State);
    }

    [Fact]
    public async Task Dispose_ClosesTheSocket_AndCompletesTheMessageStream()
    {
        var h = await TwsHarness.ConnectedAsync();

        await h.Client.DisposeAsync();

        await TwsTestExtensions.EventuallyAsync(() => h.Fake.ActiveSessions == 0, "the fake saw the socket close");
        var remaining = new List<TwsMessage>();
        await foreach (var message in h.Client.Messages.ReadAllAsync().WithCancellation(new CancellationTokenSource(TwsHarness.NetworkTimeout).Token))
            remaining.Add(message);
        Assert.Equal(TwsConnectionState.Disconnected, Assert.IsType<ConnectionStateChanged>(remaining[^1]).State);
        Assert.Equal(TwsConnectionState.Disconnected, h.Client.State);
        await h.Fake.DisposeAsync();
    }
}
