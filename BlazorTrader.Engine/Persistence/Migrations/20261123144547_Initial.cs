using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorTrader.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "app_secrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_app_secrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecorderId = table.Column<long>(type: "INTEGER", nullable: true),
                    Message = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recorders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordingEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    InitialPositionSize = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    AddPositionSize = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    TpUnits = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SlEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    SlAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    SlUnits = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TrailingEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    TrailingTrigger = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    TrailingDistance = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    BreakEvenAfterTp1 = table.Column<bool>(type: "INTEGER", nullable: false),
                    MaxEntriesPerDay = table.Column<int>(type: "INTEGER", nullable: true),
                    BlockReentryAfterClose = table.Column<bool>(type: "INTEGER", nullable: false),
                    WebhookTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TokenCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    accounts = table.Column<string>(type: "TEXT", nullable: true),
                    tp_targets = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recorders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "positions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecorderId = table.Column<long>(type: "INTEGER", nullable: false),
                    Ticker = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    TotalQuantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    AvgEntryPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    CurrentPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    UnrealizedPnl = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    RealizedPnl = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    WorstUnrealizedPnl = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    BestUnrealizedPnl = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_positions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_positions_recorders_RecorderId",
                        column: x => x.RecorderId,
                        principalTable: "recorders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecorderId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AlertTime = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Dialect = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Ticker = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    RawPayload = table.Column<string>(type: "TEXT", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PayloadHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_signals_recorders_RecorderId",
                        column: x => x.RecorderId,
                        principalTable: "recorders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "trades",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecorderId = table.Column<long>(type: "INTEGER", nullable: false),
                    PositionId = table.Column<long>(type: "INTEGER", nullable: false),
                    SignalId = table.Column<long>(type: "INTEGER", nullable: true),
                    Ticker = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    OpenQuantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    EntryPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    SlPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    ExitPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    ExitReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RealizedPnl = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Mfe = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Mae = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    tp_targets = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_trades_positions_PositionId",
                        column: x => x.PositionId,
                        principalTable: "positions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_trades_recorders_RecorderId",
                        column: x => x.RecorderId,
                        principalTable: "recorders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_At",
                table: "audit_log",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_positions_RecorderId_Ticker",
                table: "positions",
                columns: new[] { "RecorderId", "Ticker" },
                unique: true,
                filter: "\"Status\" = 'open'");

            migrationBuilder.CreateIndex(
                name: "IX_positions_Status",
                table: "positions",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_recorders_WebhookTokenHash",
                table: "recorders",
                column: "WebhookTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_signals_IdempotencyKey",
                table: "signals",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_signals_RecorderId_PayloadHash",
                table: "signals",
                columns: new[] { "RecorderId", "PayloadHash" });

            migrationBuilder.CreateIndex(
                name: "IX_signals_RecorderId_ReceivedAt",
                table: "signals",
                columns: new[] { "RecorderId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_trades_PositionId",
                table: "trades",
                column: "PositionId");

            migrationBuilder.CreateIndex(
                name: "IX_trades_RecorderId_OpenedAt",
                table: "trades",
                columns: new[] { "RecorderId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_trades_Status",
                table: "trades",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "app_secrets");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "signals");

            migrationBuilder.DropTable(
                name: "trades");

            migrationBuilder.DropTable(
                name: "positions");

            migrationBuilder.DropTable(
                name: "recorders");
        }
    }
}
