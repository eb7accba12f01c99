using BlazorTrader.Components.Accounts;
using BlazorTrader.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>Broker accounts made and edited in the UI, checked by the same validator as /api/accounts.</summary>
public class AccountFormDialogTests : MudTestContext
{
    /// <summary>The checks of the real admin (AccountValidator, what /api/accounts runs) without an engine behind them.</summary>
    private sealed class ValidatingAdmin : IAccountAdmin
    {
        public List<(long? Id, AccountForm Form)> Saved { get; } = [];

        public Task<AccountForm?> EditFormAsync(long id, CancellationToken ct = default) => Task.FromResult<AccountForm?>(null);

        public Task<AccountSaveResult> SaveAsync(long? id, AccountForm form, CancellationToken ct = default)
        {
            var errors = AccountValidator.Validate(form.Name, form.Broker, form.SettingsToSend(id is null), form.Limits(), creating: true);
            if (errors.Count > 0) return Task.FromResult(new AccountSaveResult(false, id, errors, "invalid"));
            Saved.Add((id, form));
            return Task.FromResult(new AccountSaveResult(true, id ?? 12, new Dictionary<string, string[]>(), $"{form.Name} created"));
        }

        public Task<ControlActionResult> DeleteAsync(long id, CancellationToken ct = default) => Task.FromResult(ControlActionResult.Ok("deleted"));

        public Task<ControlActionResult> TestAsync(long id, CancellationToken ct = default) => Task.FromResult(ControlActionResult.Ok("connected"));
    }

    private readonly ValidatingAdmin _admin = new();

    public AccountFormDialogTests() => Services.AddSingleton<IAccountAdmin>(_admin);

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(long? id, AccountForm form)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<AccountFormDialog>(null, new DialogParameters<AccountFormDialog> { { d => d.Id, id }, { d => d.Form, form } }));
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("[data-testid=account-save]")), Wait);
        return provider;
    }

    [Fact]
    public async Task InteractiveBrokersAccount_WithABadPort_ShowsTheApisError_AndIsNotSaved()
    {
        // Arrange
        var dialog = await OpenAsync(null, new AccountForm { Broker = "InteractiveBrokers" });
        dialog.Find("input[data-testid=account-name]").Change("IB paper");
        dialog.Find("input[data-testid=setting-port]").Change("99999");

        // Act
        dialog.Find("[data-testid=account-save]").Click();

        // Assert
        dialog.WaitForAssertion(() => Assert.Contains("port", dialog.Find("[data-testid=settings-error]").TextContent), Wait);
        Assert.Empty(_admin.Saved);
    }

    [Fact]
    public async Task PaperAccount_WithAName_IsCreated_AndTheDialogCloses()
    {
        var dialog = await OpenAsync(null, new AccountForm());
        dialog.Find("input[data-testid=account-name]").Change("Demo");
        dialog.Find("input[data-testid=setting-startingCash]").Change("50000");

        dialog.Find("[data-testid=account-save]").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-testid=account-save]")), Wait);
        var (id, form) = Assert.Single(_admin.Saved);
        Assert.Null(id);
        Assert.Equal("50000", form.SettingsToSend(creating: true)!["startingCash"]);
    }

    [Fact]
    public async Task EditingARealBrokersAccount_NeverShowsItsSettings_AndEmptyFieldsKeepThem()
    {
        // Arrange: stored settings are encrypted; the form starts empty
        var form = new AccountForm { Name = "IB live", Broker = "InteractiveBrokers", SettingsHidden = true };
        var dialog = await OpenAsync(4, form);

        // Act: only the name changes
        dialog.Find("input[data-testid=account-name]").Change("IB live (main)");
        dialog.Find("[data-testid=account-save]").Click();

        // Assert: the placeholder says hidden, and no settings are sent (the stored ones stay)
        dialog.WaitForAssertion(() => Assert.Single(_admin.Saved), Wait);
        Assert.Null(_admin.Saved[0].Form.SettingsToSend(creating: false));
    }
}
