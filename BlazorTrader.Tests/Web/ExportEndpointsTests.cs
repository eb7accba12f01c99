using System.Net;
using BlazorTrader.Reports;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BlazorTrader.Tests.Web;

public class ExportEndpointsTests(LoginAppFactory app) : IClassFixture<LoginAppFactory>
{
    [Fact]
    public async Task TradesCsv_UsesTheTradesPageFilter_ForASignedInUser()
    {
        // Arrange: a win (+$20) and a loss (-$8) on MNQ
        var (id, path) = await app.CreateRecorderAsync();
        using var api = app.ApiClient();
        await api.PostWebhookAsync(path, """{"action":"buy","ticker":"MNQ1!","price":21500}""");
        await api.PostWebhookAsync(path, """{"action":"close","ticker":"MNQ1!","price":21510}""");
        await api.PostWebhookAsync(path, """{"action":"sell","ticker":"MNQ1!","price":21520}""");
        await api.PostWebhookAsync(path, """{"action":"close","ticker":"MNQ1!","price":21524}""");
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var login = await LoginTests.PostLoginAsync(browser, "trader", LoginTests.Password);

        // Act
        using var all = await browser.GetAsync($"/export/trades.csv?recorderId={id}");
        using var wins = await browser.GetAsync($"/export/trades.csv?recorderId={id}&outcome=Win&ticker=mnq");

        // Assert
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment", all.Content.Headers.ContentDisposition!.ToString());
        var allLines = (await all.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var winLines = (await wins.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(TradeCsv.Header, allLines[0]);
        Assert.Equal(3, allLines.Length);
        Assert.Equal(2, winLines.Length);
        Assert.Contains(",20,", winLines[1]);
    }
}
