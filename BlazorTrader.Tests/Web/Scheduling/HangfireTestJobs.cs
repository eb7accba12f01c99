using System.Net.Http.Json;
using System.Text.Json;
using BlazorTrader.Engine.MarketData;
using BlazorTrader.Tests.Web.Execution;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorTrader.Tests.Web.Scheduling;

/// <summary>
/// Runs recurring jobs the way the dashboard's "Trigger now" does, on the app's own Hangfire server and storage
/// (resolved from the app, never <c>JobStorage.Current</c>, which belongs to whichever app was configured last).
/// </summary>
internal static class HangfireTestJobs
{
    /// <summary>Hangfire job tests run one after another: each app has its own storage, but the serializer settings are static.</summary>
    public const string Collection = "Hangfire";

    public static string Trigger(this ExecutionAppFactory app, string recurringJobId) =>
        ((IRecurringJobManagerV2)app.Services.GetRequiredService<IRecurringJobManager>()).TriggerJob(recurringJobId)
            ?? throw new InvalidOperationException($"no recurring job {recurringJobId}");

    /// <summary>Triggers the recurring job and waits for the background job to finish; returns its final state.</summary>
    public static async Task<string> RunAsync(this ExecutionAppFactory app, string recurringJobId) => await app.FinishedAsync(app.Trigger(recurringJobId));

    /// <summary>Waits until the job succeeded, failed or was scheduled for a retry (after an exception); returns that state.</summary>
    public static async Task<string> FinishedAsync(this ExecutionAppFactory app, string jobId)
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        string[] final = [SucceededState.StateName, FailedState.StateName, DeletedState.StateName, ScheduledState.StateName];
        StateData? state = null;
        await ExecutionAppFactory.EventuallyAsync(() =>
        {
            using var connection = storage.GetConnection();
            state = connection.GetStateData(jobId);
            return Task.FromResult(state is not null && final.Contains(state.Name));
        }, $"background job {jobId} to finish");
        if (state!.Name == ScheduledState.StateName)
            throw new Xunit.Sdk.XunitException($"job {jobId} threw and awaits a retry: {state.Reason}");
        return state.Name;
    }

    public static void SetPrice(this ExecutionAppFactory app, string symbol, decimal price) =>
        app.Services.GetRequiredService<PriceCache>().Set(Tick.At1(symbol, price, app.Time.GetUtcNow()));

    /// <summary>Creates a strategy through the REST API; returns its id.</summary>
    public static async Task<long> CreateStrategyAsync(this ExecutionAppFactory app, object body)
    {
        using var client = app.ApiClient();
        var response = await client.PostAsJsonAsync("/api/strategies", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }
}
