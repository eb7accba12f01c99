using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Tests.Web.Scheduling;

namespace BlazorTrader.Tests.Web.Execution;

public class AccountEndpointsTests
{
    [Fact]
    public async Task FirstStart_CreatesOnePaperAccount_AndAStartAfterDeletingItDoesNotBringItBack()
    {
        // Arrange
        var data = Directory.CreateTempSubdirectory("bt-acct-").FullName;
        long paper;
        await using (var first = new ExecutionAppFactory(data))
        {
            paper = await first.PaperAccountIdAsync();
            using var client = first.ApiClient();
            var account = await client.GetJsonAsync($"/api/accounts/{paper}");
            Assert.Equal("Paper", account.GetProperty("broker").GetString());
            Assert.Equal("connected", account.GetProperty("connection").GetString());

            // Act
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/accounts/{paper}")).StatusCode);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var second = new ExecutionAppFactory(data);
        using var again = second.ApiClient();

        // Assert
        Assert.Equal(0, (await again.GetJsonAsync("/api/accounts")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Crud_UpdatesPaperSettingsAndLimits_KeepsRealSecretsWhenSettingsAreOmitted()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        using var client = app.ApiClient();
        var ib = await app.CreateAccountAsync("IB", "InteractiveBrokers", new { host = "127.0.0.1", port = 4002, clientId = 7 });

        // Act
        var created = await client.PostAsJsonAsync("/api/accounts", new { name = "Sim 2", broker = "paper", settings = new { startingCash = 25000, latencyMs = 100, slippageTicks = 1 } });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var updated = await client.PutAsJsonAsync($"/api/accounts/{id}", new { name = "Sim two", limits = new { maxEntriesPerDay = 3, maxDailyLoss = 500 } });
        var renamedIb = await client.PutAsJsonAsync($"/api/accounts/{ib}", new { name = "IB paper", enabled = false });
        var duplicateName = await client.PostAsJsonAsync("/api/accounts", new { name = "Sim two", broker = "Paper" });
        var badSettings = await client.PostAsJsonAsync("/api/accounts", new { name = "Bad", broker = "Paper", settings = new { latencyMs = -5 } });
        var noKey = await app.CreateClient().GetAsync("/api/accounts");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Sim two", body.GetProperty("name").GetString());
        Assert.Equal("25000", body.GetProperty("settings").GetProperty("startingCash").GetString());
        Assert.Equal(3, body.GetProperty("limits").GetProperty("maxEntriesPerDay").GetInt32());
        var summary = await client.PostAsync($"/api/accounts/{id}/test", null);
        Assert.Equal(25000m, (await summary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetProperty("cash").GetDecimal());
        var ibBody = await renamedIb.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, ibBody.GetProperty("settings").ValueKind);
        Assert.True(ibBody.GetProperty("hasSettings").GetBoolean());
        var stored = await app.DbAsync(db => Task.FromResult(db.Accounts.Single(a => a.Id == ib)));
        Assert.True(stored.SettingsProtected);
        Assert.Equal(HttpStatusCode.Conflict, duplicateName.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSettings.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task Delete_IsRefused_WhileTheAccountHoldsAPosition()
    {
        // Arrange: a filled order on the paper account
        await using var app = new ExecutionAppFactory();
        var account = await app.PaperAccountIdAsync();
        app.SetPrice("ES1!", 6000m);
        await app.PlaceOrderAsync(new { account, ticker = "ES1!", side = "buy", quantity = 1, requestId = "held" });
        await ExecutionAppFactory.EventuallyAsync(async () => (await app.BookAsync(account)).GetValueOrDefault("ES1!") == 1, "the fill");
        using var client = app.ApiClient();

        // Act
        using var response = await client.DeleteAsync($"/api/accounts/{account}");

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("1 open position", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/accounts/{account}")).StatusCode);
    }

    [Fact]
    public async Task Test_OfAnIbAccountWhoseGatewayIsUnreachable_Is200WithTheFailure_Quickly()
    {
        // Arrange: nothing listens on the account's port (a listener taken and closed again)
        await using var app = new ExecutionAppFactory();
        await app.ReadyAsync();
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var ib = await app.CreateAccountAsync("IB nowhere", "InteractiveBrokers", new { host = "127.0.0.1", port, clientId = 9, accountCode = "DU0000000" });
        using var client = app.ApiClient();

        // Act
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.PostAsync($"/api/accounts/{ib}/test", null);
        var elapsed = started.Elapsed;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        // Assert: the failure is the test's answer, not a server error
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.GetProperty("ok").GetBoolean(), body.ToString());
        Assert.NotEqual("connected", body.GetProperty("connection").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"answered after {elapsed.TotalMilliseconds:0} ms");
    }
}
