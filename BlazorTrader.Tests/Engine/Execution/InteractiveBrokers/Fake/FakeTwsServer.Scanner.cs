using System.Collections.Concurrent;
using static BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake.FakeTwsBook;

namespace BlazorTrader.Tests.Engine.Execution.InteractiveBrokers.Fake;

/// <summary>
/// The market scanner (issue 17): REQ_SCANNER_SUBSCRIPTION (22, no version field at 178) answered with SCANNER_DATA (20)
/// of the scripted rows (at most numberOfRows), ranked from 0; CANCEL_SCANNER_SUBSCRIPTION (23) ends it.
/// </summary>
internal sealed partial class FakeTwsServer
{
    /// <summary>REQ_SCANNER_SUBSCRIPTION has 25 fields at 178 (id included).</summary>
    public const int ScannerRequestFields = 25;

    /// <summary>The scanner's answer, best first.</summary>
    public List<string> ScannerRows { get; } = [];

    /// <summary>Request ids of subscriptions not cancelled yet.</summary>
    public ConcurrentDictionary<string, byte> OpenScannerSubscriptions { get; } = new();
}

internal sealed partial class FakeTwsSession
{
    private async Task ScannerSubscriptionAsync(string[] f)
    {
        var requestId = f[1];
        if (f.Length != FakeTwsServer.ScannerRequestFields)
        {
            server.Violations.Enqueue($"REQ_SCANNER_SUBSCRIPTION has {f.Length} fields, expected {FakeTwsServer.ScannerRequestFields}");
            await SendAsync("4", "2", requestId, "321", "Error validating request", "");
            return;
        }
        server.OpenScannerSubscriptions[requestId] = 0;
        var rows = server.ScannerRows.Take(int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var fields = new List<string> { "20", "3", requestId, S(rows.Count) };
        for (var rank = 0; rank < rows.Count; rank++)
            fields.AddRange([S(rank), S(800_000 + rank), rows[rank], "STK", "", "0", "", "SMART", "USD", rows[rank], "NMS", rows[rank], "", "", "", ""]);
        await SendAsync([.. fields]);
    }

    private Task CancelScannerSubscriptionAsync(string[] f)
    {
        if (!server.OpenScannerSubscriptions.TryRemove(f[2], out _))
            server.Violations.Enqueue($"CANCEL_SCANNER_SUBSCRIPTION for {f[2]}, which is not open");
        return Task.CompletedTask;
    }
}
