namespace BlazorTrader.Engine.Recorders;

public enum PriceUnits { Ticks, Points, Percent }

/// <summary>What a buy does while already long (and a sell while short): add to it (DCA) or nothing.</summary>
public enum SameSideSignal { Add, Ignore }

/// <summary>One take-profit level: a distance from entry and the percent of the entry quantity it trims.</summary>
public sealed record TakeProfitTarget(decimal Value, decimal Trim);

/// <summary>The trading-relevant part of a recorder, as the engine's pure code sees it.</summary>
public sealed record RecorderSettings(
    decimal InitialPositionSize,
    decimal AddPositionSize,
    PriceUnits TpUnits,
    IReadOnlyList<TakeProfitTarget> TpTargets,
    bool SlEnabled,
    decimal SlAmount,
    PriceUnits SlUnits,
    SameSideSignal SameSide = SameSideSignal.Add,
    decimal? Capital = null);
