using BlazorTrader.Engine.Cluster;

namespace BlazorTrader.Hosting;

/// <summary>
/// Every endpoint that sends a command to the engine can meet an engine that is not there for it: this instance stopped
/// leading while the command ran (<see cref="LeadershipLostException"/>: its commit was refused, nothing was written) or the
/// engine did not answer in time (restarting, stepping down, or a follower). Both are 503 with Retry-After and a reason
/// the caller can act on, never a bare 500, whichever endpoint it was.
/// </summary>
public static class EngineUnavailableResponses
{
    public static IApplicationBuilder UseEngineUnavailableResponses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (Detail(ex) is { } detail && !context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "1";
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Engine not available", detail: detail).ExecuteAsync(context);
        }
    });

    internal static string? Detail(Exception ex) => ex switch
    {
        LeadershipLostException lost => $"{lost.Message}. Nothing was written; retry (another instance leads now).",
        TimeoutException => "The engine did not answer in time (it may be restarting or stepping down); check the state before retrying.",
        _ => null,
    };
}
