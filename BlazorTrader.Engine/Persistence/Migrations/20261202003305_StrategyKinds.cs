using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorTrader.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StrategyKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "scheduled_strategies",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                // Strategies saved before kinds existed are the single-instrument kind.
                defaultValue: "Single");

            migrationBuilder.AddColumn<string>(
                name: "ParametersJson",
                table: "scheduled_strategies",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "scheduled_strategies");

            migrationBuilder.DropColumn(
                name: "ParametersJson",
                table: "scheduled_strategies");
        }
    }
}
