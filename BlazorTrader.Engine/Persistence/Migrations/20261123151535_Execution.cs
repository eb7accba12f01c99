using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorTrader.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Execution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Broker = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Settings = table.Column<string>(type: "TEXT", nullable: false),
                    SettingsProtected = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    limits = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "engine_flags",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engine_flags", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "recorder_limits",
                columns: table => new
                {
                    RecorderId = table.Column<long>(type: "INTEGER", nullable: false),
                    MaxDailyLoss = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    MaxPositionSize = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recorder_limits", x => x.RecorderId);
                    table.ForeignKey(
                        name: "FK_recorder_limits_recorders_RecorderId",
                        column: x => x.RecorderId,
                        principalTable: "recorders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_positions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    AvgPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    RealizedPnl = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_positions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_account_positions_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "order_intents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    RecorderId = table.Column<long>(type: "INTEGER", nullable: true),
                    SignalId = table.Column<long>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Ticker = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    LimitPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    StopPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    TakeProfitPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    StopLossPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    ReferencePrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    IsEntry = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    BrokerOrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FilledQuantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    AvgFillPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    RealizedPnl = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstFillAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastFillAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    legs = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_intents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_order_intents_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_accounts",
                columns: table => new
                {
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartingCash = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Cash = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    RealizedPnl = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_paper_accounts", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_paper_accounts_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_executions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    PaperOrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    ClientOrderRef = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_paper_executions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_paper_executions_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_orders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    ClientOrderRef = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ParentId = table.Column<long>(type: "INTEGER", nullable: true),
                    OcoGroup = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    LimitPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    StopPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    ReferencePrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    FilledQuantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    AvgFillPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FillNotBefore = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    legs = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_paper_orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_paper_orders_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_positions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    AvgPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_paper_positions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_paper_positions_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_account_positions_AccountId_Symbol",
                table: "account_positions",
                columns: new[] { "AccountId", "Symbol" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_accounts_Name",
                table: "accounts",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_order_intents_AccountId_CreatedAt",
                table: "order_intents",
                columns: new[] { "AccountId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_order_intents_IdempotencyKey",
                table: "order_intents",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_order_intents_Status",
                table: "order_intents",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_paper_executions_AccountId_At",
                table: "paper_executions",
                columns: new[] { "AccountId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_paper_orders_AccountId_ClientOrderRef",
                table: "paper_orders",
                columns: new[] { "AccountId", "ClientOrderRef" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_paper_orders_AccountId_Status",
                table: "paper_orders",
                columns: new[] { "AccountId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_paper_positions_AccountId_Symbol",
                table: "paper_positions",
                columns: new[] { "AccountId", "Symbol" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_positions");

            migrationBuilder.DropTable(
                name: "engine_flags");

            migrationBuilder.DropTable(
                name: "order_intents");

            migrationBuilder.DropTable(
                name: "paper_accounts");

            migrationBuilder.DropTable(
                name: "paper_executions");

            migrationBuilder.DropTable(
                name: "paper_orders");

            migrationBuilder.DropTable(
                name: "paper_positions");

            migrationBuilder.DropTable(
                name: "recorder_limits");

            migrationBuilder.DropTable(
                name: "accounts");
        }
    }
}
