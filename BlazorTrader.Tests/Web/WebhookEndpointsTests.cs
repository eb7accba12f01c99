using System.Net;
using System.Text.Json;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web;

public class WebhookEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Buy = """{"action":"buy","ticker":"MNQ1!","price":21500.25}""";

    [Fact]
    public async Task Buy_OpensPosition_WithTargetsAndStopFromTheRecorder()
    {
        // Arrange
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        // Act
        var (status, body) = await client.PostWebhookAsync(path, Buy);

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("accepted", body.GetProperty("status").GetString());
        Assert.Equal("long", body.GetProperty("position").GetProperty("side").GetString());
        Assert.Equal(1m, body.GetProperty("position").GetProperty("totalQuantity").GetDecimal());
        var trade = (await client.GetJsonAsync($"/api/recorders/{id}/trades")).GetProperty("items")[0];
        Assert.Equal(21502.75m, trade.GetProperty("tpPrice").GetDecimal());
        Assert.Equal([21502.75m, 21505.25m], trade.GetProperty("tpTargets").EnumerateArray().Select(t => t.GetProperty("price").GetDecimal()));
        Assert.Equal(21498.25m, trade.GetProperty("slPrice").GetDecimal());
    }

    [Fact]
    public async Task DcaThenFlip_KeepsWeightedAverageAndRealizesPnl()
    {
        // Arrange
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        // Act: long 1 @ 21500, add 1 @ 21510 (avg 21505), sell 3 @ 21520 -> close 2 (+$60) and open short 1
        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");
        var (_, add) = await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21510}""");
        var (_, flip) = await client.PostWebhookAsync(path, """{"action":"sell","ticker":"CME_MINI:MNQ1!","price":21520,"quantity":3}""");

        // Assert
        Assert.Equal(21505m, add.GetProperty("position").GetProperty("avgEntryPrice").GetDecimal());
        Assert.Equal("short", flip.GetProperty("position").GetProperty("side").GetString());
        Assert.Equal(1m, flip.GetProperty("position").GetProperty("totalQuantity").GetDecimal());
        var positions = (await client.GetJsonAsync($"/api/recorders/{id}/positions")).GetProperty("items");
        var closed = positions.EnumerateArray().Single(p => p.GetProperty("status").GetString() == "closed");
        Assert.Equal(60m, closed.GetProperty("realizedPnl").GetDecimal());
        var trades = (await client.GetJsonAsync($"/api/recorders/{id}/trades")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, trades.Count);
        Assert.Equal(60m, trades.Where(t => t.GetProperty("status").GetString() == "closed").Sum(t => t.GetProperty("realizedPnl").GetDecimal()));
    }

    [Fact]
    public async Task TargetPosition_MovesToTheTarget_AndARepeatIsHarmless()
    {
        var (_, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        var (_, first) = await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":5000,"marketPosition":"long","positionSize":2,"id":"L","time":"2026-11-20T14:45:00Z"}""");
        var (_, repeat) = await client.PostWebhookAsync(path, """{"action":"buy","ticker":"ES1!","price":5001,"marketPosition":"long","positionSize":2,"id":"L","time":"2026-11-20T14:46:00Z"}""");
        var (_, flat) = await client.PostWebhookAsync(path, """{"action":"sell","ticker":"ES1!","price":5010,"marketPosition":"flat","positionSize":0}""");

        Assert.Equal(2m, first.GetProperty("position").GetProperty("totalQuantity").GetDecimal());
        Assert.Equal("ignored", repeat.GetProperty("status").GetString());
        Assert.Contains("already at the target", repeat.GetProperty("reason").GetString());
        Assert.Equal("closed", flat.GetProperty("position").GetProperty("status").GetString());
        Assert.Equal(1000m, flat.GetProperty("position").GetProperty("realizedPnl").GetDecimal());   // 10 points x $50 x 2
    }

    [Fact]
    public async Task Resend_WithinTheWindow_IsDuplicate_WithTheFirstSignalId()
    {
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        var (_, first) = await client.PostWebhookAsync(path, Buy);
        var (status, second) = await client.PostWebhookAsync(path, Buy, "application/json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("duplicate", second.GetProperty("status").GetString());
        Assert.Equal(first.GetProperty("signalId").GetInt64(), second.GetProperty("signalId").GetInt64());
        Assert.Equal(1, (await client.GetJsonAsync($"/api/recorders/{id}/signals")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SameOrderIdAndAlertTime_IsDuplicate_EvenWhenTheBodyDiffers()
    {
        var (_, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500,"id":"Long Entry","time":"2026-11-20T14:45:00Z"}""");
        var (_, second) = await client.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500,"id":"Long Entry","time":"2026-11-20T14:45:00Z","comment":"resent"}""");

        Assert.Equal("duplicate", second.GetProperty("status").GetString());
    }

    [Fact]
    public async Task FiftyIdenticalWebhooksAtOnce_ProcessOneSignal_AndOpenThePositionOnce()
    {
        // Arrange
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        // Act
        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.PostWebhookAsync(path, Buy)));

        // Assert
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var statuses = replies.Select(r => r.Body.GetProperty("status").GetString()).ToList();
        Assert.Equal(1, statuses.Count(s => s == "accepted"));
        Assert.Equal(49, statuses.Count(s => s == "duplicate"));
        Assert.Single(replies.Select(r => r.Body.GetProperty("signalId").GetInt64()).Distinct());
        var positions = await client.GetJsonAsync($"/api/recorders/{id}/positions");
        Assert.Equal(1, positions.GetProperty("total").GetInt32());
        Assert.Equal(1m, positions.GetProperty("items")[0].GetProperty("totalQuantity").GetDecimal());
        Assert.Equal(1, (await client.GetJsonAsync($"/api/recorders/{id}/signals")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task RecordingDisabled_IsIgnored_AndStoredWithTheReason()
    {
        var (id, path) = await app.CreateRecorderAsync(new { name = "off", recordingEnabled = false });
        using var client = app.ApiClient();

        var (status, body) = await client.PostWebhookAsync(path, Buy);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ignored", body.GetProperty("status").GetString());
        var signal = (await client.GetJsonAsync($"/api/recorders/{id}/signals")).GetProperty("items")[0];
        Assert.Equal("ignored", signal.GetProperty("status").GetString());
        Assert.Equal(0, (await client.GetJsonAsync($"/api/recorders/{id}/positions")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Close_WithoutPosition_IsIgnored()
    {
        var (_, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        var (_, body) = await client.PostWebhookAsync(path, """{"action":"exit","ticker":"MNQ1!","price":21500}""");

        Assert.Equal("ignored", body.GetProperty("status").GetString());
        Assert.Contains("no open position", body.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("buy MNQ now", "body")]
    [InlineData("[1,2,3]", "body")]
    [InlineData("""{"ticker":"MNQ1!"}""", "action")]
    [InlineData("""{"action":"hold","ticker":"MNQ1!"}""", "action")]
    [InlineData("""{"action":"buy"}""", "ticker")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":"abc"}""", "price")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":-5}""", "price")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":"NaN"}""", "price")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"quantity":0}""", "quantity")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"quantity":-1}""", "quantity")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"quantity":1000000000000}""", "quantity")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"quantity":1.5}""", "quantity")]
    [InlineData("""{"action":"buy","ticker":"ЕС1!","price":21500}""", "ticker")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"marketPosition":"sideways","positionSize":1}""", "marketPosition")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"time":"yesterday"}""", "time")]
    [InlineData("""{"action":"buy","ticker":"NOPRICE"}""", "price")]
    public async Task BadPayload_Is400NamingTheField_AndChangesNothing(string payload, string field)
    {
        // Arrange
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        // Act
        var (status, body) = await client.PostWebhookAsync(path, payload);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {body}");
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.Equal(0, (await client.GetJsonAsync($"/api/recorders/{id}/signals")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await client.GetJsonAsync($"/api/recorders/{id}/positions")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task BodyOver16KB_Is413()
    {
        var (_, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();
        var payload = $$"""{"action":"buy","ticker":"MNQ1!","price":21500,"comment":"{{new string('x', 17_000)}}"}""";

        var (status, _) = await client.PostWebhookAsync(path, payload);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task BinaryContentType_Is415()
    {
        var (_, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        var (status, body) = await client.PostWebhookAsync(path, Buy, "multipart/form-data");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("text/plain", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData(null)]
    public async Task UnknownToken_Is404_WithoutDetail(string? token)
    {
        using var client = app.CreateClient();
        token ??= new string('a', 2000);

        using var response = await client.PostAsync($"/webhook/{token}", new StringContent(Buy));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("detail", text);
        Assert.DoesNotContain("token", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DeletedRecorder_Is404()
    {
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();
        await client.PostWebhookAsync(path, Buy);

        (await client.DeleteAsync($"/api/recorders/{id}")).EnsureSuccessStatusCode();
        var (status, _) = await client.PostWebhookAsync(path, """{"action":"sell","ticker":"MNQ1!","price":21500}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/recorders/{id}/positions")).StatusCode);
    }

    [Fact]
    public async Task SqlAndHtmlInComment_AreStoredVerbatim()
    {
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();
        const string comment = "'); DROP TABLE signals;-- <script>alert('x')</script> ünïcødé";
        var payload = JsonSerializer.Serialize(new { action = "buy", ticker = "MNQ1!", price = 21500, comment });

        var (status, _) = await client.PostWebhookAsync(path, payload);

        Assert.Equal(HttpStatusCode.OK, status);
        var signal = (await client.GetJsonAsync($"/api/recorders/{id}/signals")).GetProperty("items")[0];
        Assert.Equal(payload, signal.GetProperty("rawPayload").GetString());
        Assert.Equal(comment, JsonDocument.Parse(signal.GetProperty("rawPayload").GetString()!).RootElement.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task NumericStringsAndFormContentType_AreAccepted()
    {
        var (_, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        var (status, body) = await client.PostWebhookAsync(path, """{"action":"BUY","ticker":"MNQZ26","price":"21500.30","quantity":"2"}""",
            "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("MNQZ2026", body.GetProperty("position").GetProperty("ticker").GetString());
        Assert.Equal(21500.25m, body.GetProperty("position").GetProperty("avgEntryPrice").GetDecimal());   // rounded to the 0.25 tick
        Assert.Equal(2m, body.GetProperty("position").GetProperty("totalQuantity").GetDecimal());
    }
}

public class WebhookRateLimitTests
{
    [Fact]
    public async Task BeyondTheLimit_Is429_WithRetryAfter_AndPerToken()
    {
        // Arrange
        using var app = new ConfiguredAppFactory(new Dictionary<string, string?> { ["Webhooks:RateLimitPerMinute"] = "3" });
        var (_, path) = await app.CreateRecorderAsync();
        var (_, other) = await app.CreateRecorderAsync();
        using var client = app.CreateClient();

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.PostWebhookAsync(path, $$"""{"action":"buy","ticker":"MNQ1!","price":{{21500 + i}}}""")).Status);
        using var limited = await client.PostAsync(path, new StringContent(Buy));
        var (otherStatus, _) = await client.PostWebhookAsync(other, Buy);

        // Assert
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherStatus);
    }

    private const string Buy = """{"action":"buy","ticker":"MNQ1!","price":21500.25}""";
}

public class WebhookEngineNotReadyTests
{
    [Fact]
    public async Task EngineNotReady_Is503_WithRetryAfter()
    {
        using var app = new NotReadyApp();
        var (_, path) = await app.CreateRecorderAsync();
        app.Engine.Ready = false;
        using var client = app.CreateClient();

        using var response = await client.PostAsync(path, new StringContent("""{"action":"buy","ticker":"MNQ1!","price":1}"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    /// <summary>The real engine, with its readiness switchable from the test.</summary>
    private sealed class NotReadyApp : AppFactory
    {
        public SwitchableEngine Engine { get; private set; } = null!;

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<ITradingEngine>(sp => Engine = new SwitchableEngine(sp.GetRequiredService<TradingEngine>()));
    }

    private sealed class SwitchableEngine(ITradingEngine inner) : ITradingEngine
    {
        public bool Ready { get; set; } = true;
        public bool IsReady => Ready && inner.IsReady;
        public Task<T> SendAsync<T>(EngineRequest<T> request, TimeSpan timeout, CancellationToken ct = default) => inner.SendAsync(request, timeout, ct);
        public ValueTask PostAsync(EngineCommand command, CancellationToken ct = default) => inner.PostAsync(command, ct);
    }
}
