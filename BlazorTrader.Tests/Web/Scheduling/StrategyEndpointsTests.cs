using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine.Scheduling.Strategies;
using BlazorTrader.Tests.Web.Execution;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Scheduling;

/// <summary>/api/strategies and the /strategies page: every change is mirrored in the app's Hangfire recurring jobs.</summary>
[Collection(HangfireTestJobs.Collection)]
public sealed class StrategyEndpointsTests
{
    [Fact]
    public async Task CreateEditDisableDelete_KeepTheRecurringJobsInStep()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var account = await app.PaperAccountIdAsync();
        using var client = app.ApiClient();

        // Act + Assert: create
        var id = await app.CreateStrategyAsync(new { name = "open drive", account, ticker = "CME_MINI:MNQ1!", side = "buy", size = 1, entryTime = "09:45", exitTime = "15:00", days = new[] { "Monday", "Wednesday" } });
        var created = await client.GetFromJsonAsync<JsonElement>($"/api/strategies/{id}");
        Assert.Equal("MNQ1!", created.GetProperty("ticker").GetString());
        Assert.Equal(new[] { "Monday", "Wednesday" }, created.GetProperty("days").EnumerateArray().Select(d => d.GetString()));
        var nextEntry = TimeZoneInfo.ConvertTimeFromUtc(created.GetProperty("nextEntryAt").GetDateTime(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Equal((new TimeOnly(9, 45), true), (TimeOnly.FromDateTime(nextEntry), nextEntry.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Wednesday));
        Assert.Equal(("45 9 * * 1,3", "America/New_York"), (Job(app, ScheduleKeys.EntryJob(id))!.Cron, Job(app, ScheduleKeys.EntryJob(id))!.TimeZoneId));

        // edit: a new entry time reschedules the job
        (await client.PutAsJsonAsync($"/api/strategies/{id}", new { entryTime = "10:00" })).EnsureSuccessStatusCode();
        Assert.Equal("0 10 * * 1,3", Job(app, ScheduleKeys.EntryJob(id))!.Cron);

        // disable: no more entries, the exit stays to close today's
        (await client.PutAsJsonAsync($"/api/strategies/{id}", new { enabled = false })).EnsureSuccessStatusCode();
        Assert.Null(Job(app, ScheduleKeys.EntryJob(id)));
        Assert.Equal("0 15 * * 1,3", Job(app, ScheduleKeys.ExitJob(id))!.Cron);

        // delete
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/strategies/{id}")).StatusCode);
        Assert.Null(Job(app, ScheduleKeys.ExitJob(id)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/strategies/{id}")).StatusCode);
    }

    [Fact]
    public async Task InvalidStrategy_IsRejectedWithFieldErrors_AndTheApiNeedsTheKey()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var account = await app.PaperAccountIdAsync();
        using var client = app.ApiClient();
        using var anonymous = app.CreateClient();

        // Act
        var invalid = await client.PostAsJsonAsync("/api/strategies", new { name = "bad", account, ticker = "ES1!", side = "buy", size = 1.5, entryTime = "15:00", exitTime = "09:45", days = new[] { "Saturday" } });
        var noKey = await anonymous.GetAsync("/api/strategies");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("days", out _) && errors.TryGetProperty("exitTime", out _) && errors.TryGetProperty("size", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task BuiltInKinds_AreSavedWithEveryParameter_AndBadParametersAreNamed()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var account = await app.PaperAccountIdAsync();
        using var client = app.ApiClient();

        // Act: a calendar with one parameter given, then a single strategy switched to gap-and-go with none
        var calendar = await app.CreateStrategyAsync(new { name = "spx 21/28", account, kind = "spxDoubleCalendar", parameters = new { quantity = 2 } });
        var single = await app.CreateStrategyAsync(new { name = "open drive", account, ticker = "MNQ1!", side = "buy", size = 1 });
        (await client.PutAsJsonAsync($"/api/strategies/{single}", new { kind = "gapAndGo" })).EnsureSuccessStatusCode();
        var badValue = await client.PostAsJsonAsync("/api/strategies", new { name = "bad", account, kind = "spxDoubleCalendar", parameters = new { targetDelta = 0.7 } });
        var unknownField = await client.PostAsJsonAsync("/api/strategies", new { name = "bad", account, kind = "gapAndGo", parameters = new { rsiMaximum = 50 } });
        var badKind = await client.PostAsJsonAsync("/api/strategies", new { name = "bad", account, kind = "ironCondor" });

        // Assert: the saved parameters carry the defaults for what was not sent
        var savedCalendar = await client.GetFromJsonAsync<JsonElement>($"/api/strategies/{calendar}");
        Assert.Equal(("spxDoubleCalendar", "SPX"), (savedCalendar.GetProperty("kind").GetString(), savedCalendar.GetProperty("ticker").GetString()));
        var parameters = savedCalendar.GetProperty("parameters");
        Assert.Equal((2, 7, 0.20m, "15:00"), (parameters.GetProperty("quantity").GetInt32(), parameters.GetProperty("maxOpen").GetInt32(),
            parameters.GetProperty("targetDelta").GetDecimal(), parameters.GetProperty("exitTime").GetString()));
        var switched = await client.GetFromJsonAsync<JsonElement>($"/api/strategies/{single}");
        Assert.Equal(("gapAndGo", 5m), (switched.GetProperty("kind").GetString(), switched.GetProperty("parameters").GetProperty("gapPercent").GetDecimal()));
        Assert.Null(Job(app, ScheduleKeys.EntryJob(single)));

        Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);
        Assert.True((await badValue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("parameters.targetDelta", out _));
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.True((await unknownField.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("parameters.rsiMaximum", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.True((await badKind.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("kind", out _));
    }

    [Fact]
    public async Task StrategiesPage_ListsTheStrategies()
    {
        // Arrange
        await using var app = new ExecutionAppFactory();
        var account = await app.PaperAccountIdAsync();
        await app.CreateStrategyAsync(new { name = "lunch fade", account, ticker = "ES1!", side = "sell", size = 2, entryTime = "12:00", exitTime = "13:30", takeProfit = 8, stopLoss = 4 });

        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var login = await LoginTests.PostLoginAsync(browser, "trader", LoginTests.Password);

        // Act
        var html = await browser.GetStringAsync("/strategies");

        // Assert
        Assert.Contains("lunch fade", html);
        Assert.Contains("8 ticks / 4 ticks", html);
    }

    private static RecurringJobDto? Job(ExecutionAppFactory app, string id)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs([id]).FirstOrDefault(j => !j.Removed);
    }
}
