using System.Net.Http.Json;
using System.Text.Json;

namespace BlazorTrader.Bench.Load;

/// <summary>One load scenario: recorders (one ticker each), which of them copy to which paper accounts, and history.</summary>
internal sealed record Scenario(string Name, string Description, int Recorders, int CopyingRecorders, int PaperAccounts, bool History);

/// <summary>Creates a scenario's paper accounts and recorders through the REST API, as a user would.</summary>
internal static class ScenarioSetup
{
    /// <summary>CME equity futures (always a session at the paper broker; no stock hours in the way), prices on their tick.</summary>
    private static readonly (string Ticker, decimal Price)[] Tickers =
    [
        ("MNQ1!", 21500.25m), ("ES1!", 6000.25m), ("NQ1!", 21500.50m), ("MES1!", 6000.50m), ("RTY1!", 2400.1m),
        ("M2K1!", 2400.2m), ("YM1!", 44000m), ("MYM1!", 44001m), ("MNQ1!", 21501.25m), ("ES1!", 6001.25m),
    ];

    public static readonly Scenario[] All =
    [
        new("a", "1 recorder, no accounts", 1, 0, 0, false),
        new("b", "10 recorders, 3 copying to 2 paper accounts (x1, x2)", 10, 3, 2, false),
        new("c", "as (a) with 100,000 signals and 20,000 trades already stored", 1, 0, 0, true),
    ];

    public static HttpClient Api(string baseUrl)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AppProcess.ApiKey);
        return http;
    }

    public static async Task<long> CreatePaperAccountAsync(HttpClient api, string name, CancellationToken ct)
    {
        using var response = await api.PostAsJsonAsync("/api/accounts", new
        {
            name, broker = "Paper", enabled = true,
            settings = new Dictionary<string, string> { ["startingCash"] = "1000000", ["latencyMs"] = "0", ["slippageTicks"] = "0" },
        }, ct);
        await EnsureAsync(response, "POST /api/accounts", ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();
    }

    /// <summary>Creates a recorder copying to <paramref name="links"/> (account id, multiplier); returns its webhook target.</summary>
    public static async Task<WebhookTarget> CreateRecorderAsync(HttpClient api, string name, string ticker, decimal price,
        IReadOnlyList<(long AccountId, decimal Multiplier)> links, CancellationToken ct)
    {
        using var response = await api.PostAsJsonAsync("/api/recorders", new
        {
            name, initialPositionSize = 1, addPositionSize = 1,
            accounts = links.Select(l => new { accountId = l.AccountId, multiplier = l.Multiplier }).ToArray(),
        }, ct);
        await EnsureAsync(response, "POST /api/recorders", ct);
        var recorder = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var path = new Uri(recorder.GetProperty("webhookUrl").GetString()!).AbsolutePath;
        return new WebhookTarget(recorder.GetProperty("id").GetInt64(), path, ticker, price);
    }

    public static async Task<IReadOnlyList<WebhookTarget>> CreateAsync(HttpClient api, Scenario s, CancellationToken ct)
    {
        var accounts = new List<long>();
        for (var i = 0; i < s.PaperAccounts; i++) accounts.Add(await CreatePaperAccountAsync(api, $"paper {s.Name}{i + 1}", ct));
        var targets = new List<WebhookTarget>();
        for (var r = 0; r < s.Recorders; r++)
        {
            var (ticker, price) = Tickers[r % Tickers.Length];
            var links = r < s.CopyingRecorders ? accounts.Select((id, i) => (id, (decimal)(i + 1))).ToList() : [];
            targets.Add(await CreateRecorderAsync(api, $"load {s.Name}{r + 1}", ticker, price, links, ct));
        }
        return targets;
    }

    public static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }
}
