using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovGuard.Platform.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Target = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    IntervalSeconds = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    FailuresBeforeDown = table.Column<int>(type: "integer", nullable: false),
                    SuccessesBeforeUp = table.Column<int>(type: "integer", nullable: false),
                    TimeoutSeconds = table.Column<int>(type: "integer", nullable: false),
                    Settings = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false),
                    InMaintenance = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MonitorId = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Health = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    RawHealth = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    LatencyMs = table.Column<int>(type: "integer", nullable: true),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    SummaryZh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SummaryEn = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Findings = table.Column<string>(type: "text", nullable: true),
                    IncompleteReason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Manual = table.Column<bool>(type: "boolean", nullable: false)
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
                    MonitorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Health = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "integer", nullable: false),
                    ConsecutiveSuccesses = table.Column<int>(type: "integer", nullable: false),
                    LastCheckAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastResultId = table.Column<long>(type: "bigint", nullable: true),
                    LastLatencyMs = table.Column<int>(type: "integer", nullable: true),
                    LastSummaryZh = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    LastSummaryEn = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
