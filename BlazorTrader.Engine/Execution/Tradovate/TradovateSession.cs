using System.Collections.Immutable;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using BlazorTrader.Engine.Execution.Brokers;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>What a session tells the broker of one Tradovate account.</summary>
internal interface ITradovateAccountSink
{
    string AccountName { get; }

    /// <summary>An order of this account changed (or was re-read by a sync): the broker reports it, once per real change.</summary>
    void OnOrder(TradovateOrderState order);

    void OnSessionState(BrokerConnectionState state, string detail);
}

/// <summary>
/// One Tradovate login, shared by every BlazorTrader account under it: one access token (renewed before
/// <c>expirationTime</c>, never a second <c>accesstokenrequest</c> while it lives: that would start a new session and can
/// kick the first), one user-data websocket (<c>authorize</c>, heartbeats both ways, <c>user/syncrequest</c>, <c>props</c>),
/// reconnected with jittered backoff and a fresh sync each time. Socket and renewal loops: <c>.Socket.cs</c>, <c>.Token.cs</c>.
/// </summary>
internal sealed partial class TradovateSession : IAsyncDisposable
{
    private readonly TradovateAccountSettings _login;
    private readonly TradovateOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, ITradovateAccountSink> _sinks = ImmutableDictionary<string, ITradovateAccountSink>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);
    private ImmutableDictionary<string, TvAccount> _accounts = ImmutableDictionary<string, TvAccount>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _run;
    private Task? _renew;

    public TradovateSession(string key, TradovateAccountSettings login, TradovateOptions options, HttpClient http, TradovateContracts contracts,
        TimeProvider time, ILogger log)
    {
        Key = key;
        _login = login;
        _options = options;
        _time = time;
        _log = log;
        Contracts = contracts;
        Rest = new TradovateRestClient(http, new Uri(login.Environment == TradovateEnvironment.Live ? options.LiveUrl : options.DemoUrl), options, time, log);
        Book.ContractSeen += contracts.Learn;
        if (login.AccessToken is { } token) (_token, _expires) = (token, login.AccessTokenExpires ?? time.GetUtcNow().AddMinutes(80));
    }

    public string Key { get; }
    public TradovateRestClient Rest { get; }
    public TradovateBook Book { get; } = new();
    public TradovateContracts Contracts { get; }
    public TradovateEnvironment Environment => _login.Environment;

    public BrokerConnectionState State { get; private set; } = BrokerConnectionState.Disconnected;
    public string Detail { get; private set; } = "not started";
    public bool EverReady { get; private set; }

    /// <summary>Set when retrying cannot help (bad credentials, OAuth token gone): orders are refused at once with this.</summary>
    public string? Fatal { get; private set; }

    /// <summary>The accounts of this login, as <c>/account/list</c> names them.</summary>
    public IReadOnlyCollection<TvAccount> Accounts => _accounts.Values.ToList();

    public bool TryAccount(string name, out TvAccount account) => _accounts.TryGetValue(name, out account!);

    public Task ReadyTask { get { lock (_gate) return _ready.Task; } }

    /// <summary>Registers one account's broker; the first one starts the session.</summary>
    public IDisposable Attach(ITradovateAccountSink sink)
    {
        ImmutableInterlocked.Update(ref _sinks, s => s.SetItem(sink.AccountName, sink));
        lock (_gate)
        {
            _run ??= RunAsync(_stop.Token);
            _renew ??= RenewLoopAsync(_stop.Token);
        }
        sink.OnSessionState(State, Detail);
        return new Detach(() => ImmutableInterlocked.Update(ref _sinks, s => s.Remove(sink.AccountName)));
    }

    public bool HasSinks => !_sinks.IsEmpty;

    private void Emit(TradovateOrderState order)
    {
        var name = _accounts.Values.FirstOrDefault(a => a.Id == order.AccountId)?.Name;
        if (name is not null && _sinks.TryGetValue(name, out var sink)) sink.OnOrder(order);
    }

    private void SetState(BrokerConnectionState state, string detail)
    {
        lock (_gate)
        {
            State = state;
            Detail = detail;
            if (state == BrokerConnectionState.Connected) { EverReady = true; Fatal = null; _ready.TrySetResult(); }
            else if (_ready.Task.IsCompleted) _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        foreach (var sink in _sinks.Values) sink.OnSessionState(state, detail);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null) await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_renew is not null) await _renew.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private sealed class Detach(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
