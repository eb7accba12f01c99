using BlazorTrader.Components.Shared;
using BlazorTrader.Engine.Notifications;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace BlazorTrader.Tests.Web.Components;

public class NotificationSnackbarTests : MudTestContext
{
    private readonly InAppNotifier _notifier = new(Options.Create(new NotificationOptions()));

    public NotificationSnackbarTests() => Services.AddSingleton(_notifier);

    [Fact]
    public async Task Notification_ShowsAsASnackbar_WithItsSeverity()
    {
        // Arrange
        Render<NotificationSnackbar>();
        var snackbar = Services.GetRequiredService<ISnackbar>();

        // Act
        await _notifier.NotifyAsync(new Notification(NotificationKind.LimitHit, NotificationSeverity.Warning, "Limit hit",
            "MNQ scalper: 3 entries today", Time.GetUtcNow()), CancellationToken.None);

        // Assert
        WaitForAssertion(() =>
        {
            var shown = Assert.Single(snackbar.ShownSnackbars);
            Assert.Equal("Limit hit: MNQ scalper: 3 entries today", shown.Message);
            Assert.Equal(Severity.Warning, shown.Severity);
        }, Wait);
    }

    private void WaitForAssertion(Action assertion, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try { assertion(); return; }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline) { Thread.Sleep(10); }
        }
    }
}
