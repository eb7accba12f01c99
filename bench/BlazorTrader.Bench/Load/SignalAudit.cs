using System.Net.Http.Json;
using System.Text.Json;

namespace BlazorTrader.Bench.Load;

internal sealed record AuditResult(int AnsweredOk, int Missing, int Stored, int RecordedTwice, double IntentsPerSignal, int Intents);

/// <summary>
/// After a run: every webhook answered 200 must be a stored signal. Reads GET /api/recorders/{id}/signals (newest first,
/// 500 a page) until the run's start, matches signals to requests by the alert id in the raw payload, and counts the
/// order intents each signal fanned out to.
/// </summary>
internal static class SignalAudit
{
    public static async Task<AuditResult> CheckAsync(HttpClient api, AlertBodies bodies, IEnumerable<PhaseRecord> phases, DateTime runStartUtc,
        CancellationToken ct)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
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
                    seen[id] = seen.GetValueOrDefault(id) + 1;
                    if (s.TryGetProperty("intentIds", out var ids) && ids.ValueKind == JsonValueKind.Array) intents += ids.GetArrayLength();
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
        var twice = seen.Values.Count(c => c > 1);
        return new AuditResult(answered, missing, seen.Count, twice, seen.Count == 0 ? 0 : intents / (double)seen.Count, intents);
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
