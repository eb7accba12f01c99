namespace BlazorTrader.Engine.Scheduling.Calendar;

/// <summary>A market with its own session hours and holiday behaviour.</summary>
public enum Market
{
    /// <summary>NYSE equities and options: 09:30-16:00 ET.</summary>
    Nyse,

    /// <summary>CME Globex equity index futures (ES, NQ, RTY, YM and micros).</summary>
    CmeEquity,

    /// <summary>CME Globex energy and metals (CL, MCL, GC, MGC, SI).</summary>
    CmeEnergyMetals,

    /// <summary>CME Globex interest rates (ZN, ZB).</summary>
    CmeRates,

    /// <summary>CME Globex FX (6E).</summary>
    CmeFx,
}
