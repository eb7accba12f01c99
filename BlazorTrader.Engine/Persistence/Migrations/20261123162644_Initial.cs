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
                name: "engine_leader",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Since = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engine_leader", x => x.Id);
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
                    PauseExitsOnDelayedData = table.Column<bool>(type: "INTEGER", nullable: false),
                    MaxEntriesPerDay = table.Column<int>(type: "INTEGER", nullable: true),
                    BlockReentryAfterClose = table.Column<bool>(type: "INTEGER", nullable: false),
                    SameSideSignal = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Capital = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
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
                    QuantityType = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    OrderType = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    LimitPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    StopPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
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
                    SlKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    BestPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    ExitPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 8, nullable: true),
                    ExitReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecisionDataMode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DecisionTickAgeMs = table.Column<long>(type: "INTEGER", nullable: true),
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
                name: "IX_audit_log_At",
                table: "audit_log",
                column: "At");

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

            migrationBuilder.CreateIndex(
                name: "IX_pnl_history_RecorderId_At",
                table: "pnl_history",
                columns: new[] { "RecorderId", "At" });

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
                name: "IX_scheduled_strategies_AccountId",
                table: "scheduled_strategies",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_scheduled_strategies_Name",
                table: "scheduled_strategies",
                column: "Name",
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
                name: "account_positions");

            migrationBuilder.DropTable(
                name: "app_secrets");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "engine_flags");

            migrationBuilder.DropTable(
                name: "engine_leader");

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
                name: "pnl_history");

            migrationBuilder.DropTable(
                name: "recorder_limits");

            migrationBuilder.DropTable(
                name: "scheduled_strategies");

            migrationBuilder.DropTable(
                name: "signals");

            migrationBuilder.DropTable(
                name: "trades");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "positions");

            migrationBuilder.DropTable(
                name: "recorders");
        }
    }
}
