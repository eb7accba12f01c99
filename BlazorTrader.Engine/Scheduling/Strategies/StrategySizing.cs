namespace BlazorTrader.Engine.Scheduling.Strategies;

/// <summary>How a scheduled strategy's size is read: whole contracts, or a percent of the account's net liquidation.</summary>
public enum StrategySizing { Quantity, CapitalPercent }
