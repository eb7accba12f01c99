using BlazorTrader.Engine.Instruments;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Engine.Scheduling.Strategies;

/// <summary>Which calendar a contract trades on: its holidays decide whether a scheduled entry may go out.</summary>
public static class InstrumentMarkets
{
    public static Market For(ContractSpec spec) => spec.Kind switch
    {
        InstrumentKind.Future => spec.Root.ToUpperInvariant() switch
        {
            "CL" or "MCL" or "GC" or "MGC" or "SI" or "SIL" => Market.CmeEnergyMetals,
            "ZN" or "ZB" => Market.CmeRates,
            "6E" => Market.CmeFx,
            _ => Market.CmeEquity,
        },
        _ => Market.Nyse,
    };
}
