using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web;

/// <summary>The real app on a fresh SQLite file per factory; REST calls carry the test API key.</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-api-key";
    private readonly Dictionary<string, string?> _settings;

    public AppFactory() : this(null) { }

    protected AppFactory(IDictionary<string, string?>? settings)
    {
        DataDirectory = Directory.CreateTempSubdirectory("bt-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["BlazorTrader:DataDirectory"] = DataDirectory,
            ["BlazorTrader:ApiKey"] = ApiKey,
            ["MarketData:Source"] = "None",
            ["Webhooks:RateLimitPerMinute"] = "100000",
            // Hangfire jobs run when a test triggers them, never by the wall clock (which the fake clock does not follow).
            ["Scheduling:PollingInterval"] = "1.00:00:00",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
    }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(ConfigureServices);
    }

    protected virtual void ConfigureServices(IServiceCollection services) { }

    public HttpClient ApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>Creates a recorder through the API and returns its id and webhook path.</summary>
    public async Task<(long Id, string WebhookPath)> CreateRecorderAsync(object? body = null)
    {
        using var client = ApiClient();
        var response = await client.PostAsJsonAsync("/api/recorders", body ?? new
        {
            name = "MNQ scalper", initialPositionSize = 1, addPositionSize = 1, tpUnits = "Ticks",
            tpTargets = new[] { new { value = 10, trim = 50 }, new { value = 20, trim = 50 } },
            slEnabled = true, slAmount = 8, slUnits = "Ticks",
        });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetInt64(), new Uri(json.GetProperty("webhookUrl").GetString()!).AbsolutePath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* SQLite may still hold the file on some systems */ }
    }
}

/// <summary>An <see cref="AppFactory"/> with extra configuration, for tests that need other limits.</summary>
public sealed class ConfiguredAppFactory(IDictionary<string, string?> settings) : AppFactory(settings);
