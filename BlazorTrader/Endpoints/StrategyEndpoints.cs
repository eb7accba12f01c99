using System.Globalization;
using System.Text.Json;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Scheduling.Strategies;
using BlazorTrader.Engine.Strategies;
using BlazorTrader.Hosting.Security;
using Hangfire;
using Hangfire.Storage;

namespace BlazorTrader.Endpoints;

/// <summary>
/// /api/strategies: scheduled strategies (CRUD); saved and deleted through the engine, each save updates its Hangfire
/// recurring jobs, a delete removes them.
/// </summary>
public static class StrategyEndpoints
{
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapStrategyEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/strategies").RequireApiKey();
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapGet("/{id:long}", GetAsync);
        api.MapPut("/{id:long}", UpdateAsync);
        api.MapDelete("/{id:long}", DeleteAsync);
        return app;
    }

    /// <summary>
    /// Times are HH:mm in the exchange time zone; days are English weekday names; side buy|sell; sizing quantity|capitalPercent;
    /// kind single (default) | spxDoubleCalendar | gapAndGo, with that kind's <c>parameters</c> object.
    /// </summary>
    public sealed record StrategyBody(string? Name, long? Account, string? Ticker, string? Side, string? Sizing, decimal? Size, string? EntryTime,
        string? ExitTime, IReadOnlyList<string>? Days, string? ExitUnits, decimal? TakeProfit, decimal? StopLoss, bool? Enabled,
        string? Kind = null, JsonElement? Parameters = null);

    public sealed record Strategy(long Id, string Name, string Kind, JsonElement? Parameters, long AccountId, string Ticker, string Side,
        string Sizing, decimal Size, string EntryTime, string? ExitTime, IReadOnlyList<string> Days, string ExitUnits, decimal? TakeProfit,
        decimal? StopLoss, bool Enabled, DateTime? NextEntryAt, DateTime? NextExitAt, DateTime CreatedAt, DateTime UpdatedAt);

    private static async Task<IResult> ListAsync(ScheduledStrategyService strategies, JobStorage storage, CancellationToken ct)
    {
        var items = await strategies.ListAsync(ct);
        var next = NextRuns(storage);
        return Results.Ok(new ApiContracts.Paged<Strategy>([.. items.Select(s => ToStrategy(s, next))], items.Count, 1, Math.Max(items.Count, 1)));
    }

    private static async Task<IResult> GetAsync(long id, ScheduledStrategyService strategies, JobStorage storage, CancellationToken ct) =>
        await strategies.GetAsync(id, ct) is { } s ? Results.Ok(ToStrategy(s, NextRuns(storage))) : NotFound(id);

    private static async Task<IResult> CreateAsync(StrategyBody? body, ITradingEngine engine, JobStorage storage, CancellationToken ct)
    {
        if (!TryDraft(body, null, out var draft, out var invalid)) return invalid!;
        var saved = await engine.SendAsync(new SaveScheduledStrategy(null, draft!), EngineTimeout, ct);
        return saved.Ok ? Results.Created($"/api/strategies/{saved.Strategy!.Id}", ToStrategy(saved.Strategy, NextRuns(storage))) : Invalid(saved.Errors);
    }

    private static async Task<IResult> UpdateAsync(long id, StrategyBody? body, ScheduledStrategyService strategies, ITradingEngine engine, JobStorage storage,
        CancellationToken ct)
    {
        var current = await strategies.GetAsync(id, ct);
        if (current is null) return NotFound(id);
        if (!TryDraft(body, ScheduledStrategyService.ToDraft(current), out var draft, out var invalid)) return invalid!;
        var saved = await engine.SendAsync(new SaveScheduledStrategy(id, draft!), EngineTimeout, ct);
        if (saved.NotFound) return NotFound(id);
        return saved.Ok ? Results.Ok(ToStrategy(saved.Strategy!, NextRuns(storage))) : Invalid(saved.Errors);
    }

    private static async Task<IResult> DeleteAsync(long id, ITradingEngine engine, CancellationToken ct) =>
        await engine.SendAsync(new DeleteScheduledStrategy(id), EngineTimeout, ct) ? Results.NoContent() : NotFound(id);

    /// <summary>Fields missing from the body keep <paramref name="current"/>'s values (or the defaults on create).</summary>
    private static bool TryDraft(StrategyBody? body, ScheduledStrategyDraft? current, out ScheduledStrategyDraft? draft, out IResult? invalid)
    {
        draft = null;
        var errors = new Dictionary<string, string[]>();
        if (body is null) { invalid = Invalid(new() { ["body"] = ["The body must be a strategy JSON object."] }); return false; }
        var d = current ?? new ScheduledStrategyDraft();
        if (current is null && body.Account is null) errors["account"] = ["account (an account id) is required"];
        var kind = d.Kind;
        if (body.Kind is not null && !StrategyParametersJson.TryParseKind(body.Kind, out kind))
            errors["kind"] = ["kind must be single, spxDoubleCalendar or gapAndGo"];
        if (current is null && kind == StrategyKind.Single && string.IsNullOrWhiteSpace(body.Ticker)) errors["ticker"] = ["ticker is required"];
        // Another kind's saved parameters mean nothing to this one: a kind change without parameters takes the defaults.
        var parameters = body.Parameters is { } p ? p.GetRawText() : kind == d.Kind ? d.ParametersJson : null;
        if (body.Parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
            errors["parameters"] = ["parameters must be a JSON object"];
        var side = body.Side is null ? d.Side : ParseSide(body.Side);
        if (side is null) errors["side"] = ["side must be buy or sell"];
        var sizing = d.Sizing;
        if (body.Sizing is not null && !Enum.TryParse(body.Sizing, ignoreCase: true, out sizing)) errors["sizing"] = ["sizing must be quantity or capitalPercent"];
        var units = d.ExitUnits;
        if (body.ExitUnits is not null && !Enum.TryParse(body.ExitUnits, ignoreCase: true, out units)) errors["exitUnits"] = ["exitUnits must be ticks, points or percent"];
        var entry = body.EntryTime is null ? d.EntryTime : ParseTime(body.EntryTime);
        if (entry is null) errors["entryTime"] = ["entryTime must be HH:mm (exchange time)"];
        TimeOnly? exit = d.ExitTime;
        if (body.ExitTime is not null)
        {
            exit = body.ExitTime.Length == 0 ? null : ParseTime(body.ExitTime);
            if (body.ExitTime.Length > 0 && exit is null) errors["exitTime"] = ["exitTime must be HH:mm (exchange time), or empty for none"];
        }
        var days = new List<DayOfWeek>();
        foreach (var day in body.Days ?? [])
        {
            if (Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(day, out _)) days.Add(parsed);
            else errors["days"] = [$"'{day}' is not a weekday name (Monday ... Friday)"];
        }
        if (errors.Count > 0) { invalid = Invalid(errors); return false; }

        draft = d with
        {
            Name = body.Name ?? d.Name, Kind = kind, ParametersJson = parameters, AccountId = body.Account ?? d.AccountId, Ticker = body.Ticker ?? d.Ticker, Side = side!.Value, Sizing = sizing,
            Size = body.Size ?? d.Size, EntryTime = entry!.Value, ExitTime = exit, Days = body.Days is null ? d.Days : days, ExitUnits = units,
            TakeProfit = current is null || body.TakeProfit is not null ? body.TakeProfit : d.TakeProfit,
            StopLoss = current is null || body.StopLoss is not null ? body.StopLoss : d.StopLoss,
            Enabled = body.Enabled ?? d.Enabled,
        };
        invalid = null;
        return true;
    }

    internal static Dictionary<string, DateTime?> NextRuns(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs().Where(j => j.Id.StartsWith(ScheduleKeys.StrategyJobPrefix, StringComparison.Ordinal))
            .ToDictionary(j => j.Id, j => j.NextExecution);
    }

    private static Strategy ToStrategy(ScheduledStrategyEntity s, Dictionary<string, DateTime?> next) => new(s.Id, s.Name,
        StrategyParametersJson.Name(s.Kind), s.ParametersJson is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null, s.AccountId, s.Ticker,
        s.Side.ToString().ToLowerInvariant(), JsonName(s.Sizing.ToString()), s.Size, Time(s.EntryTime), s.ExitTime is { } e ? Time(e) : null,
        [.. s.Days.Select(d => d.ToString())], s.ExitUnits.ToString().ToLowerInvariant(), s.TakeProfit, s.StopLoss, s.Enabled,
        next.GetValueOrDefault(ScheduleKeys.EntryJob(s.Id)), next.GetValueOrDefault(ScheduleKeys.ExitJob(s.Id)), s.CreatedAt, s.UpdatedAt);

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static TimeOnly? ParseTime(string text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private static OrderAction? ParseSide(string side) =>
        side.ToLowerInvariant() switch { "buy" or "long" => OrderAction.Buy, "sell" or "short" => OrderAction.Sell, _ => null };

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, detail: string.Join("; ", errors.Values.SelectMany(v => v)), title: "Invalid strategy");

    private static IResult NotFound(long id) => Results.Problem(statusCode: 404, title: "Strategy not found", detail: $"There is no strategy {id}.");
}
