using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorTrader.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PauseOnDelayedData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PauseExitsOnDelayedData",
                table: "recorders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PauseExitsOnDelayedData",
                table: "recorders");
        }
    }
}
