using System.Text;
using BlazorTrader.Reports;
using BlazorTrader.Services;

namespace BlazorTrader.Endpoints;

/// <summary>Downloads for the UI (cookie login, like the pages): GET /export/trades.csv with the Trades page's filter.</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/trades.csv", TradesCsvAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> TradesCsvAsync(long? recorderId, string? ticker, DateOnly? from, DateOnly? to, TradeOutcome? outcome,
        TradingReadModel read, CancellationToken ct)
    {
        var trades = await read.TradesAsync(new TradeFilter(recorderId, ticker, from, to, outcome ?? TradeOutcome.All), ct);
        var names = (await read.RecordersAsync(ct)).ToDictionary(r => r.Id, r => r.Name);
        var csv = TradeCsv.Write(trades, names);
        return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"trades-{read.Today:yyyy-MM-dd}.csv");
    }
}
