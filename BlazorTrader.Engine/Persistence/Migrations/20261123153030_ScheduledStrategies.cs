using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorTrader.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledStrategies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scheduled_strategies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    Ticker = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Sizing = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Size = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    EntryTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    ExitTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Days = table.Column<string>(type: "TEXT", nullable: false),
                    ExitUnits = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TakeProfit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    StopLoss = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scheduled_strategies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_scheduled_strategies_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_strategies_AccountId",
                table: "scheduled_strategies",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_strategies_Name",
                table: "scheduled_strategies",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scheduled_strategies");
        }
    }
}
