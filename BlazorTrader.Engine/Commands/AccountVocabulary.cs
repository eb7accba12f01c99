namespace BlazorTrader.Engine.Commands;

// What the engine's callers may know of a broker account: its kind, its connection and what the broker reports it holds.

public enum BrokerKind { Paper, InteractiveBrokers, Tradovate }

public enum BrokerConnectionState { Disconnected, Connecting, Connected }

/// <summary>The broker's position in one symbol; short is negative.</summary>
public sealed record BrokerPosition(string Symbol, decimal Quantity, decimal AvgPrice);

public sealed record AccountSummary(long AccountId, string Currency, decimal Cash, decimal RealizedPnl, decimal NetLiquidation);

/// <summary>What a "test connection" shows: server version and managed accounts where the broker has them.</summary>
public sealed record BrokerConnectionTest(bool Connected, string Detail, int? ServerVersion, IReadOnlyList<string> ManagedAccounts);
