using BlazorTrader.Components.Recorders;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>A new recorder's webhook URL stays on screen until the trader confirms the copy, across a reload of the tab.</summary>
public class WebhookHandoverTests : MudTestContext
{
    /// <summary>The browser tab's session storage: survives a reload (a new circuit), not the tab.</summary>
    private sealed class TabSessionStore : IPendingWebhookStore
    {
        public PendingWebhook? Stored { get; set; }
        public Task<PendingWebhook?> GetAsync() => Task.FromResult(Stored);
        public Task SetAsync(PendingWebhook pending) { Stored = pending; return Task.CompletedTask; }
        public Task DeleteAsync() { Stored = null; return Task.CompletedTask; }
    }

    private readonly TabSessionStore _tab = new();
    private const string Url = "http://localhost:5080/webhook/abc123secret";

    public WebhookHandoverTests()
    {
        Services.AddSingleton<IPendingWebhookStore>(_tab);
        Services.AddSingleton<WebhookHandover>();
    }

    [Fact]
    public async Task CreatedRecordersUrl_StaysInTheDialog_UntilTheTraderConfirmsTheCopy()
    {
        // Arrange
        var dialogs = Render<MudDialogProvider>();
        Render<PendingWebhookHost>();

        // Act 1: the recorder form hands the URL over
        await Services.GetRequiredService<WebhookHandover>().HandOverAsync(9, "MNQ scalper", Url);

        // Assert 1: shown with the alert message, and kept in the tab's session storage meanwhile
        dialogs.WaitForAssertion(() => Assert.Equal(Url, dialogs.Find("[data-testid=webhook-url]").TextContent), Wait);
        Assert.Contains("strategy.order.action", dialogs.Find("[data-testid=alert-message]").TextContent);
        Assert.Equal(Url, _tab.Stored?.Url);

        // Act 2
        dialogs.Find("[data-testid=webhook-copied]").Click();

        // Assert 2: gone, and gone from storage (a reload will not show it again)
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=webhook-url]")), Wait);
        Assert.Null(_tab.Stored);
    }

    [Fact]
    public void Reload_WithinTenMinutes_ShowsTheUrlAgain()
    {
        // Arrange: the tab stored it four minutes ago, then reloaded (a new circuit)
        _tab.Stored = new PendingWebhook(9, "MNQ scalper", Url, Time.GetUtcNow().AddMinutes(-4));
        var dialogs = Render<MudDialogProvider>();

        // Act
        Render<PendingWebhookHost>();

        // Assert
        dialogs.WaitForAssertion(() => Assert.Equal(Url, dialogs.Find("[data-testid=webhook-url]").TextContent), Wait);
        Assert.Contains("Webhook for MNQ scalper", dialogs.Markup);
    }

    [Fact]
    public void Reload_AfterTenMinutes_ShowsNothing_AndForgetsTheUrl()
    {
        _tab.Stored = new PendingWebhook(9, "MNQ scalper", Url, Time.GetUtcNow() - WebhookHandover.KeepFor - TimeSpan.FromSeconds(1));
        var dialogs = Render<MudDialogProvider>();

        Render<PendingWebhookHost>();

        dialogs.WaitForAssertion(() => Assert.Null(_tab.Stored), Wait);
        Assert.Empty(dialogs.FindAll("[data-testid=webhook-url]"));
    }
}
