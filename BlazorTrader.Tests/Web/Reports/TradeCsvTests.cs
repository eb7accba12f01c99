using BlazorTrader.Engine.Persistence.Entities;
using BlazorTrader.Reports;

namespace BlazorTrader.Tests.Web.Reports;

public class TradeCsvTests
{
    [Fact]
    public void Write_UsesInvariantNumbersUtcTimes_AndQuotesTextWithCommas()
    {
        // Arrange
        var trade = new TradeEntity
        {
            Id = 7, RecorderId = 3, Ticker = "MNQ1!", Side = "long", Quantity = 2, EntryPrice = 21500.25m, ExitPrice = 21510.5m,
            RealizedPnl = 41m, Status = TradeStatus.Closed, ExitReason = "TP1, TP2",
            OpenedAt = new DateTime(2026, 11, 20, 14, 45, 0, DateTimeKind.Utc), ClosedAt = new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc),
            TpTargets = [new TpTargetState { Price = 21502.75m, Trim = 50 }],
        };

        // Act
        var lines = TradeCsv.Write([trade], new Dictionary<long, string> { [3] = "MNQ \"scalper\"" }).Split("\r\n");

        // Assert
        Assert.Equal(TradeCsv.Header, lines[0]);
        Assert.Equal("7,3,\"MNQ \"\"scalper\"\"\",MNQ1!,long,2,21500.25,21510.5,,21502.75,41,0,0,closed,\"TP1, TP2\",2026-11-20T14:45:00Z,2026-11-20T15:00:00Z", lines[1]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("-cmd", "'-cmd")]
    public void Escape_DefusesSpreadsheetFormulas_ButKeepsNegativeNumbers(string field, string expected) =>
        Assert.Equal(expected, TradeCsv.Escape(field));
}
