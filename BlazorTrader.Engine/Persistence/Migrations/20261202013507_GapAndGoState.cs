using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorTrader.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class GapAndGoState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gap_and_go_days",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StrategyId = table.Column<long>(type: "INTEGER", nullable: false),
                    TradeDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Budget = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Halted = table.Column<bool>(type: "INTEGER", nullable: false),
                    HaltReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastScanAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastScanJson = table.Column<string>(type: "TEXT", nullable: true),
                    LiquidatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gap_and_go_days", x => x.Id);
                    table.ForeignKey(
                        name: "FK_gap_and_go_days_scheduled_strategies_StrategyId",
                        column: x => x.StrategyId,
                        principalTable: "scheduled_strategies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "market_bars",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BarSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Open = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    High = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Low = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Close = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Volume = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_market_bars", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gap_and_go_days_StrategyId_TradeDate",
                table: "gap_and_go_days",
                columns: new[] { "StrategyId", "TradeDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_market_bars_Symbol_BarSeconds_StartUtc",
                table: "market_bars",
                columns: new[] { "Symbol", "BarSeconds", "StartUtc" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gap_and_go_days");

            migrationBuilder.DropTable(
                name: "market_bars");
        }
    }
}
