using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BlazorTrader.Bench;

/// <summary>
/// Round-trip latency of POST /webhook/{token} against a running app, and the engine's own
/// received-to-decided time read back from the signals. Alternating buy/sell keeps the position small.
/// </summary>
internal static class WebhookLatency
{
    public static async Task RunAsync(string baseUrl, string apiKey, int count)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var created = await http.PostAsJsonAsync("/api/recorders", new { name = $"latency {DateTime.UtcNow:HHmmss}" });
        created.EnsureSuccessStatusCode();
        var recorder = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = recorder.GetProperty("id").GetInt64();
        var path = new Uri(recorder.GetProperty("webhookUrl").GetString()!).AbsolutePath;

        var roundTrips = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var body = $$"""{"action":"{{(i % 2 == 0 ? "buy" : "sell")}}","ticker":"MNQ1!","price":{{21500 + i % 7}},"id":"bench","time":"{{DateTime.UtcNow:O}}"}""";
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "text/plain"));
            roundTrips.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"webhook {i} answered {(int)response.StatusCode}");
        }

        var decided = new List<double>(count);
        for (var page = 1; decided.Count < count; page++)
        {
            var signals = await http.GetFromJsonAsync<JsonElement>($"/api/recorders/{id}/signals?page={page}&pageSize=500");
            var items = signals.GetProperty("items");
            if (items.GetArrayLength() == 0) break;
            foreach (var s in items.EnumerateArray())
                decided.Add((s.GetProperty("decidedAt").GetDateTime() - s.GetProperty("receivedAt").GetDateTime()).TotalMilliseconds);
        }

        Console.WriteLine($"{count} webhooks, one at a time, to {baseUrl}");
        Console.WriteLine($"HTTP round trip:        median {Median(roundTrips):F2} ms, p99 {Percentile(roundTrips, 0.99):F2} ms");
        Console.WriteLine($"received -> decided:    median {Median(decided):F2} ms, p99 {Percentile(decided, 0.99):F2} ms (engine, incl. SQLite commit)");
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    }
}
