using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorTrader.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AlertDialects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "LimitPrice",
                table: "signals",
                type: "TEXT",
                precision: 18,
                scale: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrderType",
                table: "signals",
                type: "TEXT",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QuantityType",
                table: "signals",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "StopPrice",
                table: "signals",
                type: "TEXT",
                precision: 18,
                scale: 8,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Capital",
                table: "recorders",
                type: "TEXT",
                precision: 18,
                scale: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                // Existing recorders keep adding on a same-side signal, as before this setting existed.
                name: "SameSideSignal",
                table: "recorders",
                type: "TEXT",
                maxLength: 12,
                nullable: false,
                defaultValue: "Add");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LimitPrice",
                table: "signals");

            migrationBuilder.DropColumn(
                name: "OrderType",
                table: "signals");

            migrationBuilder.DropColumn(
                name: "QuantityType",
                table: "signals");

            migrationBuilder.DropColumn(
                name: "StopPrice",
                table: "signals");

            migrationBuilder.DropColumn(
                name: "Capital",
                table: "recorders");

            migrationBuilder.DropColumn(
                name: "SameSideSignal",
                table: "recorders");
        }
    }
}
