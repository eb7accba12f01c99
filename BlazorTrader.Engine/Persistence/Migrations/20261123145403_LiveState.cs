using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorTrader.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LiveState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "BestPrice",
                table: "trades",
                type: "TEXT",
                precision: 18,
                scale: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionDataMode",
                table: "trades",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DecisionTickAgeMs",
                table: "trades",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlKind",
                table: "trades",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pnl_history",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecorderId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RealizedPnl = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    UnrealizedPnl = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Equity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    PeakEquity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Drawdown = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pnl_history", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pnl_history_recorders_RecorderId",
                        column: x => x.RecorderId,
                        principalTable: "recorders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pnl_history_RecorderId_At",
                table: "pnl_history",
                columns: new[] { "RecorderId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pnl_history");

            migrationBuilder.DropColumn(
                name: "BestPrice",
                table: "trades");

            migrationBuilder.DropColumn(
                name: "DecisionDataMode",
                table: "trades");

            migrationBuilder.DropColumn(
                name: "DecisionTickAgeMs",
                table: "trades");

            migrationBuilder.DropColumn(
                name: "SlKind",
                table: "trades");
        }
    }
}
