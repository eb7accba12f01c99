using BlazorTrader.Engine.Persistence.Entities;

namespace BlazorTrader.Endpoints;

/// <summary>
/// The filters every position and trade list takes (<c>/api/positions</c>, <c>/api/trades</c> and each recorder's),
/// checked and applied in one place so the lists cannot drift apart.
/// </summary>
public static class ListFilters
{
    /// <summary><c>status</c>: open or closed; anything else is a 400 naming the field.</summary>
    public static bool TryPositions(ref IQueryable<PositionEntity> query, string? status, out IResult? error)
    {
        error = null;
        if (status is not (null or TradeStatus.Open or TradeStatus.Closed))
        {
            error = Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be open or closed"] });
            return false;
        }
        if (status is not null) query = query.Where(p => p.Status == status);
        return true;
    }

    /// <summary><c>from</c> / <c>to</c>: the trade's opening time, inclusive, converted to UTC.</summary>
    public static IQueryable<TradeEntity> Trades(IQueryable<TradeEntity> query, DateTime? from, DateTime? to)
    {
        if (from is { } f) { var utc = f.ToUniversalTime(); query = query.Where(t => t.OpenedAt >= utc); }
        if (to is { } t2) { var utc = t2.ToUniversalTime(); query = query.Where(t => t.OpenedAt <= utc); }
        return query;
    }
}
