using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovGuard.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Tamper : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tamper_baselines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MonitorId = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    Page = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ApprovedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tamper_baselines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tamper_baselines_monitors_MonitorId",
                        column: x => x.MonitorId,
                        principalTable: "monitors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tamper_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MonitorId = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    BaselineId = table.Column<Guid>(type: "uuid", nullable: false),
                    BaselinePage = table.Column<string>(type: "text", nullable: false),
                    CurrentPage = table.Column<string>(type: "text", nullable: false),
                    CurrentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Findings = table.Column<string>(type: "text", nullable: false),
                    Severity = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    State = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    DetectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tamper_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tamper_changes_monitors_MonitorId",
                        column: x => x.MonitorId,
                        principalTable: "monitors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tamper_baselines_MonitorId_Url",
                table: "tamper_baselines",
                columns: new[] { "MonitorId", "Url" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tamper_changes_MonitorId_Url_State",
                table: "tamper_changes",
                columns: new[] { "MonitorId", "Url", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_tamper_changes_WebsiteId_State",
                table: "tamper_changes",
                columns: new[] { "WebsiteId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tamper_baselines");

            migrationBuilder.DropTable(
                name: "tamper_changes");
        }
    }
}
