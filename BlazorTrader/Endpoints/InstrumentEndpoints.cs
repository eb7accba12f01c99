using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Calendar;
using BlazorTrader.Hosting.Security;
using Microsoft.AspNetCore.Mvc;

namespace BlazorTrader.Endpoints;

/// <summary>
/// <c>GET /api/instruments/{ticker}</c>: what a ticker means today: its contract spec and, for a continuous
/// future (<c>MNQ1!</c>), the contract month it resolves to, that month's last trade and roll dates, and where
/// the month came from (the listing rule, a configured <c>InteractiveBrokers:FrontMonths</c>, or IB's contract details
/// of today, which carry IB's conId).
/// </summary>
public static class InstrumentEndpoints
{
    public static IEndpointRouteBuilder MapInstrumentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/instruments").RequireApiKey().MapGet("/{ticker}", Describe);
        return app;
    }

    public sealed record InstrumentReply(
        string Ticker, string Symbol, string Root, string Kind, string Exchange, string Market, decimal TickSize, decimal PointValue, decimal TickValue,
        string? ContractMonth, string? ContractSymbol, string? LocalSymbol, DateOnly? LastTradeDate, DateOnly? RollDate, string? MonthSource, int? ConId);

    private static IResult Describe(string ticker, [FromServices] InstrumentCatalog instruments, [FromServices] ContinuousContracts contracts,
        [FromServices] BrokerContractMonths atBroker, [FromServices] TradingCalendar calendar, [FromServices] TimeProvider time)
    {
        if (!instruments.TryParse(ticker, out var parsed, out var error))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["ticker"] = [error] });
        var spec = instruments.SpecFor(parsed);
        var now = time.GetUtcNow();
        var month = parsed.ContinuousIndex is not null ? contracts.Resolve(parsed, now) : contracts.Dated(parsed);
        // What IB answered today wins over the rule, unless a configured month decided (the orders follow that too).
        var broker = parsed.ContinuousIndex is not null && month?.Source != ContractMonthSource.Configured
            ? atBroker.Find(parsed.Symbol, calendar.TradeDate(now, spec.Market)) : null;
        month = broker?.Month ?? month;
        return Results.Ok(new InstrumentReply(
            ticker, parsed.Symbol, spec.Root, spec.Kind.ToString(), spec.Exchange, spec.Market.ToString(), spec.TickSize, spec.PointValue, spec.TickValue,
            month?.Month, month?.DatedSymbol, month?.LocalSymbol, month?.LastTradeDate, month?.RollDate,
            month?.Source switch
            {
                ContractMonthSource.Configured => "configured", ContractMonthSource.ListingRule => "listing rule", ContractMonthSource.Broker => "broker", _ => null,
            },
            broker?.ConId));   // the conId is IB's, known once an IB session resolved the ticker today
    }
}
