using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLevel = Microsoft.Extensions.Logging.LogLevel;

namespace BlazorTrader.Hosting;

/// <summary>
/// Hangfire's log provider is static (one per process), so it outlives the app that set it: with several apps in one process
/// (tests), Hangfire would log into a disposed <see cref="ILoggerFactory"/> and throw. This bridge drops such messages instead.
/// </summary>
internal sealed class HangfireLogBridge(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new BridgedLog(factory, name);

    private sealed class BridgedLog(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                _logger ??= factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null) return _logger.IsEnabled(level);
                if (_logger.IsEnabled(level)) _logger.Log(level, 0, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;   // the app that configured Hangfire's logging has stopped
            }
        }

        private static MsLevel Map(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => MsLevel.Trace,
            HangfireLevel.Debug => MsLevel.Debug,
            HangfireLevel.Info => MsLevel.Information,
            HangfireLevel.Warn => MsLevel.Warning,
            HangfireLevel.Error => MsLevel.Error,
            _ => MsLevel.Critical,
        };
    }
}
