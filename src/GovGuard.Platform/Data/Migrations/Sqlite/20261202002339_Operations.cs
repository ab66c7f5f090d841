using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Operations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "To",
                table: "notification_deliveries",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "backup_restore_drills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    BackupRestored = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    DataVerified = table.Column<bool>(type: "INTEGER", nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_backup_restore_drills", x => x.Id);
                    table.ForeignKey(
                        name: "FK_backup_restore_drills_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "backup_strategies",
                columns: table => new
                {
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FullEveryDays = table.Column<int>(type: "INTEGER", nullable: false),
                    IncrementalEveryHours = table.Column<int>(type: "INTEGER", nullable: false),
                    RetentionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OffSite = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_backup_strategies", x => x.WebsiteId);
                    table.ForeignKey(
                        name: "FK_backup_strategies_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "change_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Impact = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    PlannedStart = table.Column<long>(type: "INTEGER", nullable: false),
                    PlannedEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    MonitorIds = table.Column<string>(type: "TEXT", nullable: false),
                    NoticeDays = table.Column<int>(type: "INTEGER", nullable: false),
                    SupervisorReviewRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubmittedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SupervisorReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SupervisorApproved = table.Column<bool>(type: "INTEGER", nullable: true),
                    SupervisorReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MaintenanceWindowId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_change_notices_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_calendar_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_calendar_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_calendar_entries_organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_members_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_rotas",
                columns: table => new
                {
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OfficeStart = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    OfficeEnd = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    MailChannelId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_rotas", x => x.WebsiteId);
                    table.ForeignKey(
                        name: "FK_duty_rotas_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "emergency_drills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Participants = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Scenario = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_drills", x => x.Id);
                    table.ForeignKey(
                        name: "FK_emergency_drills_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "emergency_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    General = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Roles = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Prevention = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Grading = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Procedure = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Safeguards = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    WrittenByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emergency_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_emergency_plans_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChangeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Measures = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CompletedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_risk_assessments_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_escalation_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    AfterMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_escalation_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_escalation_steps_duty_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "duty_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_shifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duty_shifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_duty_shifts_duty_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "duty_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_backup_restore_drills_WebsiteId_HeldOn",
                table: "backup_restore_drills",
                columns: new[] { "WebsiteId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_change_notices_WebsiteId_PlannedStart",
                table: "change_notices",
                columns: new[] { "WebsiteId", "PlannedStart" });

            migrationBuilder.CreateIndex(
                name: "IX_duty_calendar_entries_OrganisationId_Date",
                table: "duty_calendar_entries",
                columns: new[] { "OrganisationId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_duty_escalation_steps_MemberId",
                table: "duty_escalation_steps",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_duty_escalation_steps_WebsiteId_Level",
                table: "duty_escalation_steps",
                columns: new[] { "WebsiteId", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_duty_members_WebsiteId",
                table: "duty_members",
                column: "WebsiteId");

            migrationBuilder.CreateIndex(
                name: "IX_duty_shifts_MemberId",
                table: "duty_shifts",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_duty_shifts_WebsiteId_From",
                table: "duty_shifts",
                columns: new[] { "WebsiteId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_drills_WebsiteId_Category_HeldOn",
                table: "emergency_drills",
                columns: new[] { "WebsiteId", "Category", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_emergency_plans_WebsiteId_Category_Number",
                table: "emergency_plans",
                columns: new[] { "WebsiteId", "Category", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_risk_assessments_WebsiteId_State",
                table: "risk_assessments",
                columns: new[] { "WebsiteId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "backup_restore_drills");

            migrationBuilder.DropTable(
                name: "backup_strategies");

            migrationBuilder.DropTable(
                name: "change_notices");

            migrationBuilder.DropTable(
                name: "duty_calendar_entries");

            migrationBuilder.DropTable(
                name: "duty_escalation_steps");

            migrationBuilder.DropTable(
                name: "duty_rotas");

            migrationBuilder.DropTable(
                name: "duty_shifts");

            migrationBuilder.DropTable(
                name: "emergency_drills");

            migrationBuilder.DropTable(
                name: "emergency_plans");

            migrationBuilder.DropTable(
                name: "risk_assessments");

            migrationBuilder.DropTable(
                name: "duty_members");

            migrationBuilder.DropColumn(
                name: "To",
                table: "notification_deliveries");
        }
    }
}
