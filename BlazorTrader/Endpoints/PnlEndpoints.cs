using System.Globalization;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Hosting.Security;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Endpoints;

/// <summary>/api/pnl/calendar (realized per trading day) and /api/pnl/history (equity and drawdown series).</summary>
public static class PnlEndpoints
{
    public static IEndpointRouteBuilder MapPnlEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/pnl").RequireApiKey();
        api.MapGet("/calendar", CalendarAsync);
        api.MapGet("/history", HistoryAsync);
        return app;
    }

    public sealed record HistoryPoint(long RecorderId, DateTime At, decimal RealizedPnl, decimal UnrealizedPnl, decimal Equity, decimal Drawdown);

    private static async Task<IResult> CalendarAsync(string? month, long? recorderId, TradingDbContext db, PnlSeries series, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["month must look like 2026-11"] });
        var trades = db.Trades.AsQueryable();
        if (recorderId is { } r) trades = trades.Where(t => t.RecorderId == r);
        // Trading days are in the exchange zone; a UTC window one day wider on each side covers the month.
        var from = first.AddDays(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = first.AddMonths(1).AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        trades = trades.Where(t => t.ClosedAt >= from && t.ClosedAt < to);
        var days = (await series.DailyAsync(trades, ct)).Where(d => d.Date.Year == first.Year && d.Date.Month == first.Month).ToList();
        return Results.Ok(new { month = first.ToString("yyyy-MM", CultureInfo.InvariantCulture), total = days.Sum(d => d.RealizedPnl), days });
    }

    private static async Task<IResult> HistoryAsync(long? recorderId, DateTime? from, DateTime? to, int? page, int? pageSize, TradingDbContext db, CancellationToken ct)
    {
        if (!Paging.TryCreate(page, pageSize ?? Paging.MaxPageSize, out var paging, out var error)) return error!;
        var query = db.PnlHistory.AsNoTracking();
        if (recorderId is { } r) query = query.Where(h => h.RecorderId == r);
        if (from is { } f) { var utc = f.ToUniversalTime(); query = query.Where(h => h.At >= utc); }
        if (to is { } t) { var utc = t.ToUniversalTime(); query = query.Where(h => h.At <= utc); }
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(h => h.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(h => new HistoryPoint(h.RecorderId, h.At, h.RealizedPnl, h.UnrealizedPnl, h.Equity, h.Drawdown)).ToListAsync(ct);
        return Results.Ok(new ApiContracts.Paged<HistoryPoint>(items, total, paging.Page, paging.PageSize));
    }
}
