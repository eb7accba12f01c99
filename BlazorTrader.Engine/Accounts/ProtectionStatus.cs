using BlazorTrader.Engine.Execution.Brokers;
using BlazorTrader.Engine.Execution.Protection;
using BlazorTrader.Engine.Persistence;
using BlazorTrader.Engine.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace BlazorTrader.Engine.Accounts;

public enum ProtectionState
{
    /// <summary>The account's broker does not rest protective orders: the app's tick-driven exits protect it.</summary>
    NotAtBroker,

    /// <summary>A working stop at the broker covers the whole position.</summary>
    Protected,

    /// <summary>The broker rests orders, but no working stop covers the position (missing, rejected, still being placed, or too small).</summary>
    Unprotected,
}

/// <summary>One open account position and what protects it at the broker: the working stop, the targets nearest first.</summary>
public sealed record PositionProtection(long AccountId, string Symbol, decimal Quantity, ProtectionState State, decimal? Stop,
    IReadOnlyList<decimal> Targets, string? Detail);

/// <summary>What rests at each account's broker for its open positions, for pages (no Execution type needed there).</summary>
public interface IProtectionStatus
{
    /// <summary>Open account positions (of one account, or all) with their protection, read from the intents the engine keeps.</summary>
    Task<IReadOnlyList<PositionProtection>> OpenPositionsAsync(long? accountId, CancellationToken ct);
}

/// <summary>
/// Reads the protection keeper's intents (source <see cref="ProtectionKeeper.Source"/>) beside the account book: a stop or
/// target counts once the broker acknowledged it (submitted or partly filled); a pending one is still on its way.
/// </summary>
internal sealed class ProtectionStatusReader(IDbContextFactory<TradingDbContext> dbFactory, BrokerRegistry brokers) : IProtectionStatus
{
    public async Task<IReadOnlyList<PositionProtection>> OpenPositionsAsync(long? accountId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var positions = await db.AccountPositions.AsNoTracking().Where(p => p.Quantity != 0 && (accountId == null || p.AccountId == accountId))
            .OrderBy(p => p.AccountId).ThenBy(p => p.Symbol).ToListAsync(ct);
        if (positions.Count == 0) return [];
        var resting = await db.OrderIntents.AsNoTracking().Where(i => i.Source == ProtectionKeeper.Source && (accountId == null || i.AccountId == accountId)
            && (i.Status == OrderIntentStatus.Pending || i.Status == OrderIntentStatus.Submitted || i.Status == OrderIntentStatus.PartiallyFilled)).ToListAsync(ct);
        return [.. positions.Select(p => Describe(p, [.. resting.Where(i => i.AccountId == p.AccountId && i.Ticker == p.Symbol)]))];
    }

    private PositionProtection Describe(AccountPositionEntity p, List<OrderIntentEntity> resting)
    {
        if (!brokers.TryGet(p.AccountId, out var broker) || !broker.RestsProtection)
            return new PositionProtection(p.AccountId, p.Symbol, p.Quantity, ProtectionState.NotAtBroker, null, [], "exits are held by the app");
        var working = resting.Where(i => i.Status != OrderIntentStatus.Pending).ToList();
        var stops = working.Where(i => i.Type == OrderType.Stop && i.StopPrice is not null).ToList();
        var targets = working.Where(i => i.Type == OrderType.Limit && i.LimitPrice is not null).Select(i => i.LimitPrice!.Value).Distinct();
        var nearestFirst = (p.Quantity > 0 ? targets.Order() : targets.OrderDescending()).ToList();
        var stopSize = stops.Sum(i => i.Quantity - i.FilledQuantity);
        var stop = stops.Select(i => i.StopPrice).FirstOrDefault();
        var (state, detail) = stops.Count == 0
            ? (ProtectionState.Unprotected, resting.Any(i => i.Status == OrderIntentStatus.Pending) ? "the stop is being placed" : "no stop at the broker")
            : stopSize < Math.Abs(p.Quantity)
                ? (ProtectionState.Unprotected, $"the stop covers {stopSize:0.####} of {Math.Abs(p.Quantity):0.####}")
                : (ProtectionState.Protected, (string?)null);
        return new PositionProtection(p.AccountId, p.Symbol, p.Quantity, state, stop, nearestFirst, detail);
    }
}
