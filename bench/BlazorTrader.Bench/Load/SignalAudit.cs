using System.Net.Http.Json;
using System.Text.Json;

namespace BlazorTrader.Bench.Load;

internal sealed record AuditResult(int AnsweredOk, int Missing, int Stored, int RecordedTwice, double IntentsPerSignal, int Intents, double DecidedPerSecond);

/// <summary>
/// After a run: every webhook answered 200 must be a stored signal. Reads GET /api/recorders/{id}/signals (newest first,
/// 500 a page) until the run's start, matches signals to requests by the alert id in the raw payload, and counts the
/// order intents each signal fanned out to.
/// </summary>
internal static class SignalAudit
{
    /// <summary>
    /// Waits until the engine has stopped storing signals (webhooks answered 503 after the engine timeout are still applied
    /// when the engine gets to them), so offset paging sees a fixed list and the next phase starts on an idle engine.
    /// Returns false when the count still moved after <paramref name="limit"/>.
    /// </summary>
    public static async Task<bool> WaitForQuietAsync(HttpClient api, IReadOnlyList<WebhookTarget> targets, TimeSpan limit, CancellationToken ct)
    {
        var until = DateTime.UtcNow + limit;
        var last = -1L;
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow < until)
        {
            long total = 0;
            foreach (var t in targets.Select(t => t.RecorderId).Distinct())
                total += (await api.GetFromJsonAsync<JsonElement>($"/api/recorders/{t}/signals?page=1&pageSize=1", ct)).GetProperty("total").GetInt64();
            if (total != last) { last = total; stableSince = DateTime.UtcNow; }
            else if (DateTime.UtcNow - stableSince > TimeSpan.FromSeconds(1.5)) return true;
            await Task.Delay(250, ct);
        }
        return false;
    }

    /// <param name="window">The saturation window (UTC): signals decided inside it give the engine's own rate.</param>
    public static async Task<AuditResult> CheckAsync(HttpClient api, AlertBodies bodies, IEnumerable<PhaseRecord> phases, DateTime runStartUtc,
        (DateTime From, DateTime To) window, CancellationToken ct)
    {
        var seen = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        var decidedInWindow = 0;
        var intents = 0;
        var prefix = bodies.RunTag + "-";
        foreach (var target in bodies.Targets)
        {
            for (var page = 1; ; page++)
            {
                var json = await api.GetFromJsonAsync<JsonElement>($"/api/recorders/{target.RecorderId}/signals?page={page}&pageSize=500", ct);
                var items = json.GetProperty("items");
                if (items.GetArrayLength() == 0) break;
                var older = false;
                foreach (var s in items.EnumerateArray())
                {
                    if (s.GetProperty("receivedAt").GetDateTime().ToUniversalTime() < runStartUtc.AddMinutes(-1)) { older = true; continue; }
                    if (AlertId(s.GetProperty("rawPayload").GetString()) is not { } id || !id.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    if (!seen.TryGetValue(id, out var signalIds)) seen[id] = signalIds = [];
                    if (!signalIds.Add(s.GetProperty("id").GetInt64())) continue;   // the same row on two pages
                    if (s.TryGetProperty("intentIds", out var ids) && ids.ValueKind == JsonValueKind.Array) intents += ids.GetArrayLength();
                    if (s.TryGetProperty("decidedAt", out var d) && d.ValueKind == JsonValueKind.String
                        && d.GetDateTime().ToUniversalTime() is var decided && decided >= window.From && decided < window.To) decidedInWindow++;
                }
                if (older) break;
            }
        }

        var answered = 0;
        var missing = 0;
        foreach (var phase in phases)
        {
            foreach (var (seq, outcome) in phase.Answered())
            {
                if (outcome is not (SendOutcome.Accepted or SendOutcome.Duplicate or SendOutcome.OtherOk)) continue;
                answered++;
                if (!seen.ContainsKey(bodies.AlertId(seq))) missing++;
            }
        }
        var twice = seen.Values.Count(c => c.Count > 1);
        return new AuditResult(answered, missing, seen.Count, twice, seen.Count == 0 ? 0 : intents / (double)seen.Count, intents,
            decidedInWindow / (window.To - window.From).TotalSeconds);
    }

    public static string? AlertId(string? rawPayload)
    {
        if (rawPayload is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(rawPayload);
            return doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException) { return null; }
    }
}
