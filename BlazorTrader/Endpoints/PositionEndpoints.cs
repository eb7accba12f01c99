using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Hosting.Security;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Endpoints;

/// <summary>/api/positions and /api/trades across all recorders, read-only.</summary>
public static class PositionEndpoints
{
    public static IEndpointRouteBuilder MapPositionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireApiKey();
        api.MapGet("/positions", PositionsAsync);
        api.MapGet("/trades", TradesAsync);
        api.MapGet("/rolls", Rolls);
        return app;
    }

    public sealed record DueRollView(long PositionId, long RecorderId, string Ticker, string From, string To, bool PastRoll, int TradingDaysLeft,
        DateOnly? LastTradeDate, decimal Quantity, string Message);

    /// <summary>Open positions whose contract month is near its last trade or past its roll (see docs/api.md).</summary>
    private static IResult Rolls(RollWatch watch, TimeProvider time) =>
        Results.Ok(new { items = watch.Due(time.GetUtcNow()).Select(r => new DueRollView(r.PositionId, r.RecorderId, r.Ticker, r.Plan.From.DatedSymbol,
            r.Plan.To.DatedSymbol, r.Plan.Roll, r.Plan.TradingDaysLeft, r.Plan.From.LastTradeDate, r.Plan.Quantity, r.Plan.Message)).ToList(), warnTradingDays = watch.WarnTradingDays });

    private static async Task<IResult> PositionsAsync(string? status, int? page, int? pageSize, TradingDbContext db, CancellationToken ct)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var error)) return error!;
        var query = db.Positions.AsNoTracking();
        if (!ListFilters.TryPositions(ref query, status, out var invalid)) return invalid!;
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(p => p.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Results.Ok(new ApiContracts.Paged<ApiContracts.Position>(items.Select(ApiContracts.ToPosition).ToList(), total, paging.Page, paging.PageSize));
    }

    private static async Task<IResult> TradesAsync(DateTime? from, DateTime? to, int? page, int? pageSize, TradingDbContext db, CancellationToken ct)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var error)) return error!;
        var query = ListFilters.Trades(db.Trades.AsNoTracking(), from, to);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(t => t.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Results.Ok(new ApiContracts.Paged<ApiContracts.Trade>(items.Select(ApiContracts.ToTrade).ToList(), total, paging.Page, paging.PageSize));
    }
}
