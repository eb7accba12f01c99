using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorTrader.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SignalPageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_signals_RecorderId_Id",
                table: "signals",
                columns: new[] { "RecorderId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_order_intents_SignalId",
                table: "order_intents",
                column: "SignalId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_signals_RecorderId_Id",
                table: "signals");

            migrationBuilder.DropIndex(
                name: "IX_order_intents_SignalId",
                table: "order_intents");
        }
    }
}
