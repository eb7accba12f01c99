using System.Threading.Channels;
using BlazorTrader.Engine.Execution.InteractiveBrokers;
using BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;
using Microsoft.Extensions.Time.Testing;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers;

/// <summary>A fake TWS and a client connected to it. Client time is a FakeTimeProvider: pacing, backoff and pings
/// only move when a test advances it. Real time only bounds how long a test waits for the network.</summary>
internal sealed class TwsHarness : IAsyncDisposable
{
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(10);

    private readonly bool _ownsFake;

    private TwsHarness(FakeTwsServer fake, bool ownsFake, TwsClientOptions options, IOrderIdStore ids)
    {
        Fake = fake;
        _ownsFake = ownsFake;
        Options = options;
        Ids = ids;
        Client = new TwsClient(options, ids, Time);
    }

    public FakeTwsServer Fake { get; }
    public TwsClientOptions Options { get; }
    public IOrderIdStore Ids { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 14, 30, 0, TimeSpan.Zero));
    public TwsClient Client { get; }

    public static TwsHarness Create(Func<TwsClientOptions, TwsClientOptions>? configure = null, IOrderIdStore? ids = null,
        FakeTwsServer? fake = null)
    {
        var ownsFake = fake is null;
        fake ??= FakeTwsServer.Start();
        // Generous pacing by default so that tests which are not about pacing never wait on the fake clock.
        var options = new TwsClientOptions
        {
            Port = fake.Port,
            ClientId = 7,
            MessagesPerSecond = 10_000,
            Burst = 10_000,
            KeepAliveInterval = null,
        };
        return new TwsHarness(fake, ownsFake, configure?.Invoke(options) ?? options, ids ?? new InMemoryOrderIdStore());
    }

    public static async Task<TwsHarness> ConnectedAsync(Func<TwsClientOptions, TwsClientOptions>? configure = null,
        IOrderIdStore? ids = null)
    {
        var harness = Create(configure, ids);
        await harness.Client.ConnectAsync().WaitAsync(NetworkTimeout);
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        if (_ownsFake)
            await Fake.DisposeAsync();
    }
}

internal static class TwsTestExtensions
{
    /// <summary>Reads until a message of type <typeparamref name="T"/> matching <paramref name="match"/> arrives.</summary>
    public static async Task<T> NextAsync<T>(this ChannelReader<TwsMessage> reader, Func<T, bool>? match = null)
        where T : TwsMessage
    {
        using var timeout = new CancellationTokenSource(TwsHarness.NetworkTimeout);
        try
        {
            while (true)
            {
                var message = await reader.ReadAsync(timeout.Token);
                if (message is T typed && (match?.Invoke(typed) ?? true))
                    return typed;
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} arrived within {TwsHarness.NetworkTimeout}.");
        }
    }

    /// <summary>Everything read before the first <typeparamref name="T"/> (which ends the list).</summary>
    public static async Task<List<TwsMessage>> CollectUntilAsync<T>(this ChannelReader<TwsMessage> reader) where T : TwsMessage
    {
        var seen = new List<TwsMessage>();
        await reader.NextAsync<TwsMessage>(m =>
        {
            seen.Add(m);
            return m is T;
        });
        return seen;
    }

    /// <summary>Like <see cref="NextAsync{T}"/>, but runs <paramref name="between"/> (e.g. advancing the fake clock)
    /// whenever no message is waiting, for messages that only come once time moves.</summary>
    public static async Task<T> NextWhileAsync<T>(this ChannelReader<TwsMessage> reader, Action between, Func<T, bool>? match = null)
        where T : TwsMessage
    {
        var deadline = DateTime.UtcNow + TwsHarness.NetworkTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!reader.TryRead(out var message))
            {
                between();
                await Task.Delay(10);
                continue;
            }
            if (message is T typed && (match?.Invoke(typed) ?? true))
                return typed;
        }
        throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} arrived within {TwsHarness.NetworkTimeout}.");
    }

    public static Task<ConnectionStateChanged> NextStateAsync(this ChannelReader<TwsMessage> reader, TwsConnectionState state) =>
        reader.NextAsync<ConnectionStateChanged>(s => s.State == state);

    /// <summary>Polls until <paramref name="condition"/> holds; <paramref name="between"/> runs between polls
    /// (e.g. advancing the fake clock while a background loop waits on it).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, Action? between = null)
    {
        var deadline = DateTime.UtcNow + TwsHarness.NetworkTimeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Timed out waiting for: {what}");
            between?.Invoke();
            await Task.Delay(10);
        }
    }

    public static Task WaitForReceivedAsync(this FakeTwsServer fake, int messageId, int count = 1) =>
        EventuallyAsync(() => fake.ReceivedMessages(messageId).Count >= count, $"{count} message(s) with id {messageId} at the fake");
}
