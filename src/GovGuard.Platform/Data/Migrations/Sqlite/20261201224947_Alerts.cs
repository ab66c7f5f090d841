using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_monitor_states",
                columns: table => new
                {
                    MonitorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastHealth = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LastCheckedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IncompleteInARow = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_monitor_states", x => x.MonitorId);
                    table.ForeignKey(
                        name: "FK_alert_monitor_states_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_website_settings",
                columns: table => new
                {
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MinFindingSeverity = table.Column<int>(type: "INTEGER", nullable: false),
                    IncompleteAfterChecks = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_website_settings", x => x.WebsiteId);
                    table.ForeignKey(
                        name: "FK_alert_website_settings_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MonitorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MonitorKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SummaryZh = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SummaryEn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstResultId = table.Column<long>(type: "INTEGER", nullable: true),
                    LastResultId = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ResolveNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Flapping = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastNotifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NotifyCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alerts_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MonitorIds = table.Column<string>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedByOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_windows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_maintenance_windows_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notification_channels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MinSeverity = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    SettingsJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ProtectedSecrets = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_channels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notification_channels_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_notification_channels_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alert_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AlertId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ResultId = table.Column<long>(type: "INTEGER", nullable: true),
                    Health = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alert_events_alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notification_deliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChannelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AlertId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    NoticeJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notification_deliveries_notification_channels_ChannelId",
                        column: x => x.ChannelId,
                        principalTable: "notification_channels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alert_events_AlertId_Id",
                table: "alert_events",
                columns: new[] { "AlertId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_alert_monitor_states_WebsiteId",
                table: "alert_monitor_states",
                column: "WebsiteId");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_Fingerprint_State",
                table: "alerts",
                columns: new[] { "Fingerprint", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_MonitorId_State",
                table: "alerts",
                columns: new[] { "MonitorId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_State_LastNotifiedAt",
                table: "alerts",
                columns: new[] { "State", "LastNotifiedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_WebsiteId_State_OpenedAt",
                table: "alerts",
                columns: new[] { "WebsiteId", "State", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_windows_WebsiteId_EndsAt",
                table: "maintenance_windows",
                columns: new[] { "WebsiteId", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_channels_OrganisationId_WebsiteId",
                table: "notification_channels",
                columns: new[] { "OrganisationId", "WebsiteId" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_channels_WebsiteId",
                table: "notification_channels",
                column: "WebsiteId");

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_AlertId",
                table: "notification_deliveries",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_ChannelId",
                table: "notification_deliveries",
                column: "ChannelId");

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_OrganisationId_CreatedAt",
                table: "notification_deliveries",
                columns: new[] { "OrganisationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_deliveries_Status_NextAttemptAt",
                table: "notification_deliveries",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_events");

            migrationBuilder.DropTable(
                name: "alert_monitor_states");

            migrationBuilder.DropTable(
                name: "alert_website_settings");

            migrationBuilder.DropTable(
                name: "maintenance_windows");

            migrationBuilder.DropTable(
                name: "notification_deliveries");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "notification_channels");
        }
    }
}
