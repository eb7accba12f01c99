using System.Net;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Engine.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web;

public class EngineSupervisionTests
{
    /// <summary>A command the engine has no handler for: a broken invariant, so the loop fails fast.</summary>
    private sealed record UnknownCommand : EngineCommand;

    [Fact]
    public async Task EngineCrash_IsRestarted_WithoutLosingQueuedCommands_AndShowsInHealth()
    {
        // Arrange
        using var app = new AppFactory();
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();
        var engine = app.Services.GetRequiredService<ITradingEngine>();

        // Act: crash the loop, and queue a signal right behind the crash
        await engine.PostAsync(new UnknownCommand());
        const string body = """{"action":"buy","ticker":"ES1!","price":6000}""";
        var (signal, _) = app.Services.GetRequiredService<WebhookPayloadParser>().Parse(body);
        var tokenHash = WebhookToken.Hash(path.Split('/')[^1]);
        var queued = engine.SendAsync(new ApplySignal(tokenHash, signal!, body, DateTimeOffset.UtcNow), TimeSpan.FromSeconds(15));

        // Assert: the signal behind the crash is applied after the restart
        var outcome = await queued;
        Assert.Equal(SignalOutcomeStatus.Accepted, outcome.Status);
        var health = await Eventually.ReturnsAsync(() => client.GetJsonAsync("/health"),
            h => h.GetProperty("components").GetProperty("components").GetProperty("data").GetProperty("engine").GetProperty("state").GetString() == "running",
            "the engine to run again");
        Assert.Equal(1, health.GetProperty("components").GetProperty("components").GetProperty("data").GetProperty("engine").GetProperty("restarts").GetInt32());
        Assert.Equal(1, (await client.GetJsonAsync($"/api/recorders/{id}/positions")).GetProperty("total").GetInt32());
        var (status, _) = await client.PostWebhookAsync(path, """{"action":"sell","ticker":"ES1!","price":6001}""");
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
