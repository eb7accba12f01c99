using BlazorTrader.Components.Strategies;
using BlazorTrader.Engine.Scheduling.Calendar;

namespace BlazorTrader.Tests.Web.Components;

/// <summary>The trades panel's "record a manual close" form: exchange time in, UTC out, a bad field named.</summary>
public sealed class SpxManualCloseFormTests
{
    private static readonly TimeZoneInfo NewYork = new TradingCalendar().ExchangeZone;

    [Fact]
    public void PriceAndExchangeTime_BecomeTheCommand_WithTheTimeInUtc()
    {
        // Arrange: 14:30 in New York on 2026-12-28 (EST, UTC-5)
        var form = new SpxManualCloseForm(12) { ExitCredit = 42.35m, ClosedAt = "2026-12-28 14:30" };

        // Act
        var (command, error) = form.ToCommand(3, NewYork);

        // Assert
        Assert.Null(error);
        Assert.Equal((3L, 12L, 42.35m, new DateTime(2026, 12, 28, 19, 30, 0, DateTimeKind.Utc)),
            (command!.StrategyId, command.TradeId, command.ExitCredit, command.ClosedAtUtc!.Value));
        Assert.Equal(DateTimeKind.Utc, command!.ClosedAtUtc!.Value.Kind);
    }

    [Fact]
    public void Now_StartsAtTheExchangeClock()
    {
        var form = SpxManualCloseForm.Now(5, new DateTime(2026, 7, 1, 15, 5, 0));

        Assert.Equal((5L, "2026-07-01 15:05", null), (form.TradeId, form.ClosedAt, form.ExitCredit));
        form.ExitCredit = 1m;
        Assert.Equal(new DateTime(2026, 7, 1, 19, 5, 0, DateTimeKind.Utc), form.ToCommand(1, NewYork).Command!.ClosedAtUtc);   // EDT, UTC-4
    }

    [Theory]
    [InlineData(null, "2026-12-28 14:30", "Exit credit")]
    [InlineData(-1.0, "2026-12-28 14:30", "Exit credit")]
    [InlineData(10.0, "28/12/2026 2:30pm", "Closed at")]
    [InlineData(10.0, "2026-03-08 02:30", "does not exist")]   // the spring-forward hour in New York
    public void ABadField_IsNamed_AndNoCommandIsMade(double? credit, string at, string named)
    {
        var form = new SpxManualCloseForm(1) { ExitCredit = (decimal?)credit, ClosedAt = at };

        var (command, error) = form.ToCommand(1, NewYork);

        Assert.Null(command);
        Assert.Contains(named, error);
    }
}
