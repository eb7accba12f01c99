namespace BlazorTrader.Engine.Instruments;

/// <summary>The exchange rule that fixes a futures contract's last trade date (CME group rulebooks).</summary>
public enum LastTradeRule
{
    None,

    /// <summary>Equity index (ES, NQ, RTY, YM and micros): the third Friday of the contract month.</summary>
    ThirdFriday,

    /// <summary>CL: 3 business days before the 25th of the prior month (4 when the 25th is not a business day).</summary>
    CrudeOil,

    /// <summary>MCL: 1 business day before CL's last trade.</summary>
    MicroCrudeOil,

    /// <summary>GC, MGC, SI: the third-last business day of the contract month.</summary>
    ThirdLastBusinessDay,

    /// <summary>ZN, ZB: the 7th business day before the contract month's last business day.</summary>
    SeventhBusinessDayBeforeLast,

    /// <summary>6E: 2 business days before the third Wednesday.</summary>
    SecondBusinessDayBeforeThirdWednesday,
}
