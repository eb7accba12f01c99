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
        return app;
    }

    private static async Task<IResult> PositionsAsync(string? status, int? page, int? pageSize, TradingDbContext db, CancellationToken ct)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var error)) return error!;
        if (status is not (null or TradeStatus.Open or TradeStatus.Closed))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be open or closed"] });
        var query = db.Positions.AsNoTracking();
        if (status is not null) query = query.Where(p => p.Status == status);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(p => p.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Results.Ok(new ApiContracts.Paged<ApiContracts.Position>(items.Select(ApiContracts.ToPosition).ToList(), total, paging.Page, paging.PageSize));
    }

    private static async Task<IResult> TradesAsync(DateTime? from, DateTime? to, int? page, int? pageSize, TradingDbContext db, CancellationToken ct)
    {
        if (!Paging.TryCreate(page, pageSize, out var paging, out var error)) return error!;
        var query = db.Trades.AsNoTracking();
        if (from is { } f) { var utc = f.ToUniversalTime(); query = query.Where(t => t.OpenedAt >= utc); }
        if (to is { } t2) { var utc = t2.ToUniversalTime(); query = query.Where(t => t.OpenedAt <= utc); }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(t => t.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Results.Ok(new ApiContracts.Paged<ApiContracts.Trade>(items.Select(ApiContracts.ToTrade).ToList(), total, paging.Page, paging.PageSize));
    }
}
