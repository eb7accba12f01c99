using BlazorTrader.Components.Accounts;
using BlazorTrader.Components.Shared;
using BlazorTrader.Engine;
using BlazorTrader.Engine.Accounts;
using BlazorTrader.Engine.Commands;
using BlazorTrader.Engine.Events;
using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>Issue 15 on screen: what rests at the broker per account position, a red "unprotected", and "place missing
/// protection" (the engine's protection check for that account); issue 19's protection chip on account rows.</summary>
public class AccountProtectionTests : MudTestContext
{
    private const long AccountId = 7;
    private readonly CheckingEngine _engine = new();

    public AccountProtectionTests() => Services.AddSingleton<ITradingEngine>(_engine);

    private static PositionProtection Mnq(ProtectionState state, decimal? stop, string? detail = null, long account = AccountId) =>
        new(account, "MNQ1!", 2, state, stop, [21502.5m, 21505m], detail);

    [Fact]
    public void ProtectedPosition_ShowsTheStopAndTargetsAtTheInstrumentsTick()
    {
        Protection.Positions.Add(Mnq(ProtectionState.Protected, 21498m));

        var cut = Render<AccountProtection>(p => p.Add(x => x.AccountId, AccountId).Add(x => x.AccountName, "IB live"));

        var row = cut.Find("[data-testid=position-protection]");
        Assert.Equal("MNQ1!", row.QuerySelector("b")!.TextContent);
        Assert.Equal("protected at broker: stop 21498.00, targets 21502.50 / 21505.00", row.QuerySelector("p")!.TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=unprotected]"));
    }

    [Fact]
    public async Task UnprotectedPosition_IsRed_AndTheButtonRunsTheChecksForThatAccount_AndSaysWhatItDid()
    {
        // Arrange
        Protection.Positions.Add(Mnq(ProtectionState.Unprotected, null, "no stop at the broker"));
        var cut = Render<AccountProtection>(p => p.Add(x => x.AccountId, AccountId).Add(x => x.AccountName, "IB live"));
        Assert.Contains("no stop at the broker", cut.Find("[data-testid=position-protection]").TextContent);
        Assert.Contains("mud-chip-color-error", cut.Find("[data-testid=unprotected]").ClassName);

        // Act: the check places the stop; the status reads protected afterwards
        _engine.OnCheck = () => Protection.Positions[0] = Mnq(ProtectionState.Protected, 21498m);
        await cut.Find("[data-testid=place-missing-protection]").ClickAsync(new());

        // Assert
        var check = Assert.Single(_engine.Checks);
        Assert.Equal(AccountId, check.AccountId);
        var snackbar = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("Protection check of IB live: 1 position(s) checked, 1 placed, 0 corrected, 0 cancelled", snackbar.Message);
        cut.WaitForAssertion(() => Assert.Contains("protected at broker: stop 21498.00", cut.Markup), Wait);
    }

    [Fact]
    public void PositionOfABrokerThatRestsNothing_ShowsNoProtectionPanel()
    {
        Protection.Positions.Add(Mnq(ProtectionState.NotAtBroker, null, "exits are held by the app"));

        var cut = Render<AccountProtection>(p => p.Add(x => x.AccountId, AccountId).Add(x => x.AccountName, "Paper"));

        Assert.Empty(cut.FindAll("[data-testid=account-protection]"));
    }

    [Fact]
    public async Task ControlCenterAccountRows_CarryTheProtectionChip_WithTheLevelsInItsTitle()
    {
        // Arrange: two accounts long MNQ in the book, one protected at its broker and one not
        long protectedId, unprotectedId;
        await using (var db = Services.GetRequiredService<ComponentTestDatabase>().CreateDbContext())
        {
            var accounts = new[] { "IB one", "IB two" }.Select(n => new AccountEntity { Name = n, Broker = BrokerKind.InteractiveBrokers, Enabled = true, Settings = "{}" }).ToList();
            db.Accounts.AddRange(accounts);
            await db.SaveChangesAsync();
            foreach (var a in accounts)
                db.AccountPositions.Add(new AccountPositionEntity { AccountId = a.Id, Symbol = "MNQ1!", Quantity = 2, AvgPrice = 21500m, OpenedAt = Time.GetUtcNow().UtcDateTime, UpdatedAt = Time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
            (protectedId, unprotectedId) = (accounts[0].Id, accounts[1].Id);
        }
        Protection.Positions.Add(Mnq(ProtectionState.Protected, 21498m, account: protectedId));
        Protection.Positions.Add(Mnq(ProtectionState.Unprotected, null, "the stop is being placed", unprotectedId));

        // Act
        var cut = Render<PositionsTable>();

        // Assert
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=position-protection]").Count), Wait);
        var chips = cut.FindAll("[data-testid=position-protection]");
        Assert.Equal(["protected", "unprotected"], chips.Select(c => c.TextContent.Trim()));
        Assert.Equal("Protected at the broker: stop 21498.00, targets 21502.50 / 21505.00", chips[0].GetAttribute("title"));
        Assert.Equal("Unprotected at the broker: the stop is being placed (no stop, targets 21502.50 / 21505.00)", chips[1].GetAttribute("title"));
        Assert.Contains("mud-chip-color-error", chips[1].ClassName);
    }

    /// <summary>An engine that answers CheckProtection as the keeper would after placing one stop.</summary>
    private sealed class CheckingEngine : ITradingEngine
    {
        public List<CheckProtection> Checks { get; } = [];
        public Action? OnCheck { get; set; }
        public bool IsReady => true;

        public Task<TResult> SendAsync<TResult>(EngineRequest<TResult> request, TimeSpan timeout, CancellationToken ct = default)
        {
            var check = Assert.IsType<CheckProtection>(request);
            Checks.Add(check);
            OnCheck?.Invoke();
            return Task.FromResult((TResult)(object)new ProtectionCheckOutcome(1, 1, 0, 0, []));
        }

        public ValueTask PostAsync(EngineCommand command, CancellationToken ct = default) => ValueTask.CompletedTask;
    }
}
