using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorTrader.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SpxCalendarTrades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "spx_calendar_trades",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StrategyId = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    TradeDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EntryKey = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Spx = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    ShortExpiry = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LongExpiry = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PutStrike = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    CallStrike = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    PutDelta = table.Column<double>(type: "REAL", nullable: true),
                    CallDelta = table.Column<double>(type: "REAL", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    legs = table.Column<string>(type: "TEXT", nullable: true),
                    ComboMid = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    ladder_prices = table.Column<string>(type: "TEXT", nullable: true),
                    Ladder = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    LadderStep = table.Column<int>(type: "INTEGER", nullable: false),
                    LadderKey = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true),
                    LadderReplacing = table.Column<bool>(type: "INTEGER", nullable: false),
                    Debit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    TargetPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    TargetKey = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true),
                    TargetAttempt = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TargetBrokerOrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ExitDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExitAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExitCredit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    RealizedPnl = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    ExitReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastProblem = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spx_calendar_trades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_spx_calendar_trades_scheduled_strategies_StrategyId",
                        column: x => x.StrategyId,
                        principalTable: "scheduled_strategies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_spx_calendar_trades_EntryKey",
                table: "spx_calendar_trades",
                column: "EntryKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_spx_calendar_trades_StrategyId_TradeDate",
                table: "spx_calendar_trades",
                columns: new[] { "StrategyId", "TradeDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "spx_calendar_trades");
        }
    }
}
