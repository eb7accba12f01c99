using System.Globalization;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Hosting.Security;

namespace BlazorTrader.Endpoints;

/// <summary>
/// The SPX double calendar's controls (docs/api.md "SPX double calendar"): enter now, its trades with live values, close one,
/// place missing targets, import, stop managing, reconcile now. Each is one engine command; the engine applies the rules.
/// </summary>
public static class SpxCalendarEndpoints
{
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(90);

    public static IEndpointRouteBuilder MapSpxCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/strategies/{id:long}").RequireApiKey();
        api.MapPost("/enter", EnterAsync);
        api.MapGet("/trades", TradesAsync);
        api.MapPost("/trades/{tradeId:long}/close", CloseAsync);
        api.MapPost("/trades/{tradeId:long}/stop-managing", StopManagingAsync);
        api.MapPost("/place-missing-targets", PlaceMissingTargetsAsync);
        api.MapPost("/import", ImportAsync);
        api.MapPost("/reconcile", ReconcileAsync);
        return app;
    }

    public sealed record EntryAnswer(string Status, long? TradeId, IReadOnlyList<long> IntentIds, string? Reason);

    public sealed record ImportBody(string? EntryDate, string? ShortExpiry, string? LongExpiry, decimal? PutStrike, decimal? CallStrike,
        int? Quantity, decimal? Debit, decimal? Spx);

    private static async Task<IResult> EnterAsync(long id, ITradingEngine engine, CancellationToken ct)
    {
        var outcome = await engine.SendAsync(new EnterSpxCalendar(id, "manual"), EngineTimeout, ct);
        if (outcome is { Status: SpxEntryStatus.Blocked, TradeId: null } && outcome.Reason?.StartsWith("there is no", StringComparison.Ordinal) == true)
            return NotFound(id);
        return Results.Ok(new EntryAnswer(outcome.Status.ToString().ToLowerInvariant(), outcome.TradeId, outcome.IntentIds, outcome.Reason));
    }

    private static async Task<IResult> TradesAsync(long id, ITradingEngine engine, CancellationToken ct) =>
        await engine.SendAsync(new ListSpxCalendarTrades(id), EngineTimeout, ct) is { } trades
            ? Results.Ok(new { items = trades, total = trades.Count, open = trades.Count(t => t.Status is "entering" or "open" or "closing" or "manual") })
            : NotFound(id);

    private static async Task<IResult> CloseAsync(long id, long tradeId, ITradingEngine engine, CancellationToken ct) =>
        Action(await engine.SendAsync(new CloseSpxCalendar(id, tradeId), EngineTimeout, ct));

    private static async Task<IResult> StopManagingAsync(long id, long tradeId, ITradingEngine engine, CancellationToken ct) =>
        Action(await engine.SendAsync(new StopManagingSpxCalendar(id, tradeId), EngineTimeout, ct));

    private static async Task<IResult> PlaceMissingTargetsAsync(long id, ITradingEngine engine, CancellationToken ct) =>
        Action(await engine.SendAsync(new PlaceMissingSpxTargets(id), EngineTimeout, ct));

    private static async Task<IResult> ReconcileAsync(long id, ITradingEngine engine, CancellationToken ct)
    {
        var r = await engine.SendAsync(new ReconcileSpxCalendar(id), EngineTimeout, ct);
        return r.Problem?.StartsWith("there is no", StringComparison.Ordinal) == true ? NotFound(id) : Results.Ok(r);
    }

    private static async Task<IResult> ImportAsync(long id, ImportBody? body, ITradingEngine engine, CancellationToken ct)
    {
        if (body is null) return Invalid("body", "The body must be a JSON object with the calendar's strikes, expiries and debit.");
        if (Date(body.EntryDate) is not { } entry) return Invalid("entryDate", "entryDate is required: yyyy-MM-dd or MM/dd/yyyy");
        if (Date(body.ShortExpiry) is not { } shortExpiry) return Invalid("shortExpiry", "shortExpiry is required: yyyy-MM-dd or MM/dd/yyyy");
        if (Date(body.LongExpiry) is not { } longExpiry) return Invalid("longExpiry", "longExpiry is required: yyyy-MM-dd or MM/dd/yyyy");
        if (body.PutStrike is not { } put) return Invalid("putStrike", "putStrike is required");
        if (body.CallStrike is not { } call) return Invalid("callStrike", "callStrike is required");
        if (body.Debit is not { } debit) return Invalid("debit", "debit (per combo) is required");
        var outcome = await engine.SendAsync(new ImportSpxCalendar(id, new SpxCalendarImport(entry, shortExpiry, longExpiry, put, call,
            body.Quantity ?? 4, debit, body.Spx)), EngineTimeout, ct);
        if (outcome.TradeId is { } tradeId) return Results.Ok(new { tradeId });
        return outcome.Field is { } field ? Invalid(field, outcome.Problem!) : NotFound(id);
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), ["yyyy-MM-dd", "MM/dd/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static IResult Action(SpxActionOutcome outcome) => outcome.Status switch
    {
        SpxActionStatus.Accepted => Results.Ok(new { status = "accepted", count = outcome.Count, reason = outcome.Reason }),
        SpxActionStatus.NotFound => Results.Problem(statusCode: 404, title: "Not found", detail: outcome.Reason),
        _ => Results.Problem(statusCode: 409, title: "Refused", detail: outcome.Reason),
    };

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: "Invalid calendar");

    private static IResult NotFound(long id) =>
        Results.Problem(statusCode: 404, title: "Strategy not found", detail: $"There is no spxDoubleCalendar strategy {id}.");
}
