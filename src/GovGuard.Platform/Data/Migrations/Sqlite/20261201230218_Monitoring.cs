using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "monitors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    IntervalSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    FailuresBeforeDown = table.Column<int>(type: "INTEGER", nullable: false),
                    SuccessesBeforeUp = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeoutSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Settings = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false),
                    InMaintenance = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_monitors_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "check_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MonitorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Health = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    RawHealth = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    LatencyMs = table.Column<int>(type: "INTEGER", nullable: true),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    SummaryZh = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SummaryEn = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Findings = table.Column<string>(type: "TEXT", nullable: true),
                    IncompleteReason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Manual = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_check_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_check_results_monitors_MonitorId",
                        column: x => x.MonitorId,
                        principalTable: "monitors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "monitor_states",
                columns: table => new
                {
                    MonitorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Health = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Since = table.Column<long>(type: "INTEGER", nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsecutiveSuccesses = table.Column<int>(type: "INTEGER", nullable: false),
                    LastCheckAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastResultId = table.Column<long>(type: "INTEGER", nullable: true),
                    LastLatencyMs = table.Column<int>(type: "INTEGER", nullable: true),
                    LastSummaryZh = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LastSummaryEn = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitor_states", x => x.MonitorId);
                    table.ForeignKey(
                        name: "FK_monitor_states_monitors_MonitorId",
                        column: x => x.MonitorId,
                        principalTable: "monitors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_check_results_MonitorId_At",
                table: "check_results",
                columns: new[] { "MonitorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_monitors_Enabled",
                table: "monitors",
                column: "Enabled");

            migrationBuilder.CreateIndex(
                name: "IX_monitors_WebsiteId",
                table: "monitors",
                column: "WebsiteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_results");

            migrationBuilder.DropTable(
                name: "monitor_states");

            migrationBuilder.DropTable(
                name: "monitors");
        }
    }
}
