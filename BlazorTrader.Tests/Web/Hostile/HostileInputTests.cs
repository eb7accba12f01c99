using System.Net;
using System.Text;
using BlazorTrader.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Hostile;

public class HostileInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"time":"9999999999999999"}""", "time")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"time":253402300800000}""", "time")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"comment":"\ud800"}""", "comment")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"stopLoss":{"type":"a\udc00"}}""", "stopLoss.type")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":0.1}""", "price")]
    [InlineData("""{"ticker":"MNQ1!","action":"buy","quantityType":"dollar_amount","quantity":5000,"signalPrice":0.1}""", "signalPrice")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"quantity":-3}""", "quantity")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"quantity":1e400}""", "quantity")]
    [InlineData("""{"action":"buy","ticker":"MNQ1!","price":21500,"quantity":"NaN"}""", "quantity")]
    public async Task HostileWebhook_Is400NamingTheField_AndWritesNothing(string body, string field)
    {
        // Arrange
        var (id, path) = await app.CreateRecorderAsync();
        using var client = app.ApiClient();

        // Act
        using var content = new StringContent(body, Encoding.UTF8, "text/plain");
        using var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", text);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Signals.AnyAsync(s => s.RecorderId == id));
    }

    [Fact]
    public async Task Orders_WithALoneSurrogateInTheAccount_Is400()
    {
        using var client = app.ApiClient();
        using var content = new StringContent("""{"account":"\ud800","ticker":"MNQ1!","side":"buy","quantity":1}""", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/orders", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Status_NeedsTheApiKey_WhileHealthStaysPublic()
    {
        using var anonymous = app.CreateClient();
        using var withKey = app.ApiClient();

        using var status = await anonymous.GetAsync("/status");
        using var health = await anonymous.GetAsync("/health");
        using var keyed = await withKey.GetAsync("/status");

        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain("openPositions", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/health")]
    [InlineData("/api/recorders")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self' 'nonce-", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));   // plain HTTP here
    }
}
