using BlazorTrader.Engine;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Engine.Recorders;
using BlazorTrader.Hosting.Security;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Endpoints;

/// <summary>/api/recorders: CRUD through engine commands, history read straight from the database.</summary>
public static class RecorderEndpoints
{
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapRecorderEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/recorders").RequireApiKey();
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapGet("/{id:long}", GetAsync);
        api.MapPut("/{id:long}", UpdateAsync);
        api.MapDelete("/{id:long}", DeleteAsync);
        api.MapPost("/{id:long}/rotate-token", RotateTokenAsync);
        api.MapGet("/{id:long}/signals", SignalsAsync);
        api.MapGet("/{id:long}/trades", TradesAsync);
        api.MapGet("/{id:long}/positions", PositionsAsync);
        api.MapGet("/{id:long}/pnl", PnlAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(int? page, int? pageSize, TradingDbContext db, CancellationToken ct)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var error)) return error!;
        var total = await db.Recorders.CountAsync(ct);
        var items = await db.Recorders.AsNoTracking().OrderBy(r => r.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Results.Ok(new ApiContracts.Paged<ApiContracts.Recorder>(items.Select(r => ApiContracts.ToRecorder(r)).ToList(), total, paging.Page, paging.PageSize));
    }

    private static async Task<IResult> GetAsync(long id, TradingDbContext db, CancellationToken ct) =>
        await db.Recorders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } r
            ? Results.Ok(ApiContracts.ToRecorder(r))
            : NotFound(id);

    private static async Task<IResult> CreateAsync(RecorderDraft? draft, HttpRequest request, ITradingEngine engine, TradingDbContext db, CancellationToken ct)
    {
        if (Validate(draft) is { } invalid) return invalid;
        var created = await engine.SendAsync(new CreateRecorder(draft!), EngineTimeout, ct);
        var recorder = await db.Recorders.AsNoTracking().FirstAsync(r => r.Id == created.Id, ct);
        return Results.Created($"/api/recorders/{created.Id}", ApiContracts.ToRecorder(recorder, WebhookUrl(request, created.WebhookToken)));
    }

    private static async Task<IResult> UpdateAsync(long id, RecorderDraft? draft, ITradingEngine engine, TradingDbContext db, CancellationToken ct)
    {
        if (Validate(draft) is { } invalid) return invalid;
        if (!await engine.SendAsync(new UpdateRecorder(id, draft!), EngineTimeout, ct)) return NotFound(id);
        return Results.Ok(ApiContracts.ToRecorder(await db.Recorders.AsNoTracking().FirstAsync(r => r.Id == id, ct)));
    }

    private static async Task<IResult> DeleteAsync(long id, ITradingEngine engine, CancellationToken ct) =>
        await engine.SendAsync(new DeleteRecorder(id), EngineTimeout, ct) ? Results.NoContent() : NotFound(id);

    private static async Task<IResult> RotateTokenAsync(long id, HttpRequest request, ITradingEngine engine, CancellationToken ct) =>
        await engine.SendAsync(new RotateRecorderToken(id), EngineTimeout, ct) is { } token
            ? Results.Ok(new { id, webhookUrl = WebhookUrl(request, token) })
            : NotFound(id);

    /// <summary>Signals with their latency trail and the order intents they fanned out to.</summary>
    private static async Task<IResult> SignalsAsync(long id, int? page, int? pageSize, TradingDbContext db, CancellationToken ct)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var error)) return error!;
        if (!await db.Recorders.AnyAsync(r => r.Id == id, ct)) return NotFound(id);
        var query = db.Signals.AsNoTracking().Where(s => s.RecorderId == id);
        var total = await query.CountAsync(ct);
        var signals = await query.OrderByDescending(s => s.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var ids = signals.Select(s => s.Id).ToList();
        var intents = (await db.OrderIntents.AsNoTracking().Where(i => i.SignalId != null && ids.Contains(i.SignalId.Value)).ToListAsync(ct))
            .ToLookup(i => i.SignalId!.Value);
        var items = signals.Select(s => ApiContracts.ToSignal(s, [.. intents[s.Id]])).ToList();
        return Results.Ok(new ApiContracts.Paged<ApiContracts.Signal>(items, total, paging.Page, paging.PageSize));
    }

    private static async Task<IResult> TradesAsync(long id, DateTime? from, DateTime? to, int? page, int? pageSize, TradingDbContext db, CancellationToken ct) =>
        await PagedAsync(id, page, pageSize, db, ListFilters.Trades(db.Trades.Where(t => t.RecorderId == id), from, to).OrderByDescending(t => t.Id), ApiContracts.ToTrade, ct);

    /// <summary>Takes the same <c>status</c> filter as <c>/api/positions</c>.</summary>
    private static async Task<IResult> PositionsAsync(long id, string? status, int? page, int? pageSize, TradingDbContext db, CancellationToken ct)
    {
        var query = db.Positions.Where(p => p.RecorderId == id);
        if (!ListFilters.TryPositions(ref query, status, out var invalid)) return invalid!;
        return await PagedAsync(id, page, pageSize, db, query.OrderByDescending(p => p.Id), ApiContracts.ToPosition, ct);
    }

    /// <summary>Realized P&amp;L per trading day (exchange time zone) with the running total and drawdown from its peak.</summary>
    private static async Task<IResult> PnlAsync(long id, int? page, int? pageSize, TradingDbContext db, PnlSeries series, CancellationToken ct)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var error)) return error!;
        if (!await db.Recorders.AnyAsync(r => r.Id == id, ct)) return NotFound(id);
        var days = await series.DailyAsync(db.Trades.Where(t => t.RecorderId == id), ct);
        return Results.Ok(new ApiContracts.Paged<PnlSeries.Day>(days.Skip(paging.Skip).Take(paging.PageSize).ToList(), days.Count, paging.Page, paging.PageSize));
    }

    private static async Task<IResult> PagedAsync<TEntity, TDto>(long recorderId, int? page, int? pageSize, TradingDbContext db,
        IQueryable<TEntity> query, Func<TEntity, TDto> map, CancellationToken ct) where TEntity : class
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var error)) return error!;
        if (!await db.Recorders.AnyAsync(r => r.Id == recorderId, ct)) return NotFound(recorderId);
        var total = await query.CountAsync(ct);
        var items = await query.AsNoTracking().Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Results.Ok(new ApiContracts.Paged<TDto>(items.Select(map).ToList(), total, paging.Page, paging.PageSize));
    }

    private static IResult? Validate(RecorderDraft? draft)
    {
        if (draft is null)
            return Results.Problem(statusCode: 400, title: "Invalid recorder", detail: "The body must be a recorder JSON object (see docs/api.md).");
        var errors = RecorderDraftValidator.Validate(draft);
        return errors.Count == 0 ? null : Results.ValidationProblem(errors, detail: string.Join("; ", errors.Values.SelectMany(v => v)), title: "Invalid recorder");
    }

    private static IResult NotFound(long id) => Results.Problem(statusCode: 404, title: "Recorder not found", detail: $"There is no recorder {id}.");

    private static string WebhookUrl(HttpRequest request, string token) => $"{request.Scheme}://{request.Host}/webhook/{token}";
}
