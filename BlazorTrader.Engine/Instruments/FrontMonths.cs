using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Instruments;

/// <summary>
/// The month a continuous ticker trades now, as orders see it: the broker's answer of today when one was given (IB's
/// CONTFUT), else the configured front month or the listing rule (<see cref="ContinuousContracts"/>). A position records
/// it when it opens, so its later orders stay in that month after the roll.
/// </summary>
public sealed class FrontMonths(ContinuousContracts rules, BrokerContractMonths atBroker, InstrumentCatalog instruments, TradingCalendar calendar, TimeProvider time)
{
    /// <summary>yyyyMM for a continuous future; null for anything else (stocks, dated months, options, unknown roots).</summary>
    public string? Now(string symbol)
    {
        if (!IsContinuous(symbol, out var ticker)) return null;
        var now = time.GetUtcNow();
        var rule = rules.Resolve(ticker, now);
        if (rule is { Source: ContractMonthSource.Configured }) return rule.Month;
        var tradeDate = calendar.TradeDate(now, instruments.SpecFor(ticker).Market);
        return atBroker.Find(ticker.Symbol, tradeDate)?.Month.Month ?? rule?.Month;
    }

    /// <summary>What the listing rule (or the configured front month) gave a continuous ticker at <paramref name="utc"/>.</summary>
    public string? At(string symbol, DateTime utc) =>
        IsContinuous(symbol, out var ticker) ? rules.Resolve(ticker, new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)))?.Month : null;

    public bool IsContinuous(string symbol, out ParsedTicker ticker) =>
        instruments.TryParse(symbol, out ticker!, out _) && ticker.ContinuousIndex is not null;
}
