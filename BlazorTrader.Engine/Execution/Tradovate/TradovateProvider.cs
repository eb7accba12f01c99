using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Calendar;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlazorTrader.Engine.Execution.Tradovate;

/// <summary>
/// Creates the adapter of each enabled Tradovate account. Accounts under one login share one session (one token, one
/// socket): a second login with the same credentials would start a new session and can disconnect the first. The session
/// ends with its last account.
/// </summary>
internal sealed class TradovateProvider : IBrokerProvider, IDisposable
{
    private readonly TradovateOptions _options;
    private readonly TradovateContracts _contracts;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly HttpClient _http;
    private readonly EngineInbox _inbox;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (TradovateSession Session, int Users)> _sessions = [];

    public TradovateProvider(IOptions<TradovateOptions> options, InstrumentCatalog instruments, TradingCalendar calendar, EngineInbox inbox, TimeProvider time,
        ILoggerFactory loggers)
    {
        _options = options.Value;
        _contracts = new TradovateContracts(instruments, calendar, _options, time);
        _time = time;
        _loggers = loggers;
        _inbox = inbox;
        // TLS 1.2+ is the platform default; pooled connections are recycled so a moved DNS entry is picked up.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public BrokerKind Kind => BrokerKind.Tradovate;

    public IBroker Create(BrokerAccount account)
    {
        var settings = TradovateAccountSettings.From(account);
        var key = settings.SessionKey;
        TradovateSession session;
        lock (_gate)
        {
            if (!_sessions.TryGetValue(key, out var entry))
            {
                entry = (new TradovateSession(key, settings, _options, _http, _contracts, _time, _loggers.CreateLogger<TradovateSession>()), 0);
                // Stored through the engine loop, like every account change (without restarting the brokers).
                var s = entry.Session;
                s.OAuthTokenRenewed += (token, expires) => _inbox.Post(new TradovateTokenRenewed(s.Environment, s.OAuthUser, token, expires));
            }
            _sessions[key] = entry with { Users = entry.Users + 1 };
            session = entry.Session;
        }
        return new TradovateBroker(account, session, _options, _time, _loggers.CreateLogger<TradovateBroker>(), () => Release(key));
    }

    /// <summary>The live session of a login, for tests and diagnostics.</summary>
    internal IReadOnlyList<TradovateSession> Sessions
    {
        get { lock (_gate) return [.. _sessions.Values.Select(s => s.Session)]; }
    }

    private void Release(string key)
    {
        TradovateSession? ended = null;
        lock (_gate)
        {
            if (!_sessions.TryGetValue(key, out var entry)) return;
            if (entry.Users > 1) _sessions[key] = entry with { Users = entry.Users - 1 };
            else { _sessions.Remove(key); ended = entry.Session; }
        }
        if (ended is not null) _ = ended.DisposeAsync().AsTask();
    }

    public void Dispose() => _http.Dispose();
}
