using System.Diagnostics.Metrics;

namespace BlazorTrader.Engine;

/// <summary>
/// The engine loop's own figures, for `dotnet-counters monitor --counters BlazorTrader.Engine` (bench/README.md): how
/// many commands each group commit carried. Small groups under load mean the loop pays a whole transaction per signal.
/// </summary>
internal static class EngineMetrics
{
    public const string MeterName = "BlazorTrader.Engine";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<int> SignalsPerCommit = Meter.CreateHistogram<int>(
        "blazortrader.engine.signals_per_commit", "{signal}", "Webhook signals decided and committed in one transaction");

    public static readonly Histogram<int> ReportsPerCommit = Meter.CreateHistogram<int>(
        "blazortrader.engine.reports_per_commit", "{report}", "Broker reports booked in one transaction");
}
