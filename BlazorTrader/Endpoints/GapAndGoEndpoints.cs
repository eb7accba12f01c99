using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Hosting.Security;

namespace BlazorTrader.Endpoints;

/// <summary>
/// The gap-and-go day trader's controls (docs/api.md): run a scan now or read the latest, liquidate now, halt and resume
/// for the day. Each is one engine command; a strategy of another kind is a 404 naming its kind.
/// </summary>
public static class GapAndGoEndpoints
{
    // A scan reads bars of the whole universe and may ask the broker for the day's net liquidation once.
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapGapAndGoEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/strategies/{id:long}").RequireApiKey();
        api.MapPost("/scan", async (long id, ITradingEngine engine, CancellationToken ct) =>
            Scan(await engine.SendAsync(new RunGapAndGoScan(id, "api"), EngineTimeout, ct)));
        api.MapGet("/scan", async (long id, ITradingEngine engine, CancellationToken ct) =>
            Scan(await engine.SendAsync(new GetGapAndGoScan(id), EngineTimeout, ct)));
        api.MapPost("/liquidate", async (long id, ITradingEngine engine, CancellationToken ct) =>
            await engine.SendAsync(new LiquidateGapAndGo(id, "api"), EngineTimeout, ct) is { Status: GapAndGoStatus.Ok } done
                ? Results.Ok(new { steps = done.Steps })
                : NotFound(id));
        api.MapPost("/halt", (long id, HaltBody? body, ITradingEngine engine, CancellationToken ct) => HaltAsync(id, true, body?.Reason, engine, ct));
        api.MapPost("/resume", (long id, ITradingEngine engine, CancellationToken ct) => HaltAsync(id, false, null, engine, ct));
        return app;
    }

    public sealed record HaltBody(string? Reason);

    private static async Task<IResult> HaltAsync(long id, bool halted, string? reason, ITradingEngine engine, CancellationToken ct)
    {
        if (reason is { Length: > 200 })
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["reason has at most 200 characters"] }, title: "Invalid halt");
        var state = await engine.SendAsync(new SetGapAndGoHalt(id, halted, reason), EngineTimeout, ct);
        return state.Status == GapAndGoStatus.Ok
            ? Results.Ok(new { halted = state.Halted, tradeDate = state.TradeDate, reason = state.Reason })
            : Results.Problem(statusCode: 404, title: "Not a gap-and-go strategy", detail: state.Reason);
    }

    /// <summary>The scan table, an empty one before today's first scan, or 404.</summary>
    private static IResult Scan(GapAndGoScanOutcome outcome) => outcome.Status switch
    {
        GapAndGoStatus.Ok => Results.Ok(outcome.Scan is { } s ? new { at = (DateTimeOffset?)s.At, tradeDate = (DateOnly?)s.TradeDate, items = s.Items, note = s.Note }
            : new { at = (DateTimeOffset?)null, tradeDate = (DateOnly?)null, items = (IReadOnlyList<Engine.Strategies.GapAndGo.ScanReply.Item>)[], note = (string?)null }),
        _ => Results.Problem(statusCode: 404, title: "Not a gap-and-go strategy", detail: outcome.Reason),
    };

    private static IResult NotFound(long id) =>
        Results.Problem(statusCode: 404, title: "Not a gap-and-go strategy", detail: $"There is no gap-and-go strategy {id}.");
}
