using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorTrader.Engine.MarketData;

/// <summary>Runs the configured tick source into the engine's conflator, restarting it with backoff if it fails.</summary>
public sealed partial class MarketDataService(ITickSource? source, ITickSink sink, TimeProvider time, ILogger<MarketDataService> log) : BackgroundService
{
    public ITickSource? Source => source;

    public int Restarts { get; private set; }

    public string? LastError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (source is null) return;
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await source.RunAsync(sink, stoppingToken);
                if (stoppingToken.IsCancellationRequested) return;
                LastError = null;
                backoff = TimeSpan.FromSeconds(1);
                if (source is ReplayTickSource) return;   // a replay that reached its end is done
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LastError = ex.Message;
                Restarts++;
                SourceFailed(log, ex, source.Name, backoff.TotalSeconds);
                await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 60));
            }
        }
    }

    [LoggerMessage(2001, LogLevel.Warning, "Market data source {Source} failed; restarting in {Seconds} s")]
    private static partial void SourceFailed(ILogger logger, Exception ex, string source, double seconds);
}
