using BlazorTrader.Engine.Accounts;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>Protection at the broker as a test sets it by hand.</summary>
public sealed class FixedProtectionStatus : IProtectionStatus
{
    public List<PositionProtection> Positions { get; } = [];

    public Task<IReadOnlyList<PositionProtection>> OpenPositionsAsync(long? accountId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PositionProtection>>([.. Positions.Where(p => accountId is null || p.AccountId == accountId)]);
}
