using BlazorTrader.Services;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>Trading actions that are switched off: the panels must render disabled and say why.</summary>
public sealed class UnavailableControlCenterActions : IControlCenterActions
{
    public bool IsAvailable => false;

    public string UnavailableReason => "Order execution is not available yet.";

    public bool? KillSwitchEngaged => null;

    public Task<IReadOnlyList<TradingAccount>> AccountsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<TradingAccount>>([]);

    public Task<ControlActionResult> PlaceOrderAsync(ManualOrderRequest order, CancellationToken ct = default) => NotAvailable();

    public Task<ControlActionResult> ClosePositionAsync(long positionId, string requestId, CancellationToken ct = default) => NotAvailable();

    public Task<ControlActionResult> RollPositionAsync(long positionId, CancellationToken ct = default) => NotAvailable();

    public Task<ControlActionResult> CloseAccountPositionAsync(long accountId, string symbol, string requestId, CancellationToken ct = default) => NotAvailable();

    public Task<ControlActionResult> CancelOrderAsync(long intentId, CancellationToken ct = default) => NotAvailable();

    public Task<ControlActionResult> FlattenAllAsync(string requestId, CancellationToken ct = default) => NotAvailable();

    public Task<ControlActionResult> SetKillSwitchAsync(bool engaged, string requestId, CancellationToken ct = default) => NotAvailable();

    private Task<ControlActionResult> NotAvailable() => Task.FromResult(ControlActionResult.Failed(UnavailableReason));
}
