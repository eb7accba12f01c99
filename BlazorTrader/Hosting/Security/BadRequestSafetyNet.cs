using System.Text.Json;

namespace BlazorTrader.Hosting.Security;

/// <summary>
/// The last line: a request the framework could not read (a truncated or too slow body, JSON that is not text)
/// is the sender's fault and answers 4xx, never 500, whichever endpoint it reached. TradingView resends a 5xx.
/// </summary>
public static class BadRequestSafetyNet
{
    public static IApplicationBuilder UseBadRequestSafetyNet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (StatusFor(ex) is { } status && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await Results.Problem(statusCode: status, title: "Invalid request",
                detail: status == StatusCodes.Status408RequestTimeout
                    ? "The request did not arrive in time; resend it."
                    : "The request could not be read: it ended early, or its JSON is not valid text.").ExecuteAsync(context);
        }
    });

    internal static int? StatusFor(Exception ex) => ex switch
    {
        BadHttpRequestException bad => bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest,
        JsonException => StatusCodes.Status400BadRequest,
        // System.Text.Json refusing an unpaired surrogate escape ("\ud800") in a request body.
        InvalidOperationException { Source: "System.Text.Json" } e when e.Message.Contains("UTF-16", StringComparison.Ordinal) => StatusCodes.Status400BadRequest,
        _ => null,
    };
}
