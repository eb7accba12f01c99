using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorTrader.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ContractMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContractMonth",
                table: "order_intents",
                type: "TEXT",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContractMonth",
                table: "account_positions",
                type: "TEXT",
                maxLength: 6,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ContractMonth",
                table: "order_intents");

            migrationBuilder.DropColumn(
                name: "ContractMonth",
                table: "account_positions");
        }
    }
}
