using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GovGuard.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OperationsExitAgentsTamper : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "To",
                table: "notification_deliveries",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "acceptance_verdicts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    BasisSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acceptance_verdicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_acceptance_verdicts_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    MonitorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SecretHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    SilenceSeconds = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastAgentInfo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    FilesSequence = table.Column<long>(type: "bigint", nullable: false),
                    FileFindings = table.Column<string>(type: "character varying(1000000)", maxLength: 1000000, nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agents_monitors_MonitorId",
                        column: x => x.MonitorId,
                        principalTable: "monitors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_agents_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "backup_restore_drills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    BackupRestored = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    DataVerified = table.Column<bool>(type: "boolean", nullable: false),
                    Findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    FullEveryDays = table.Column<int>(type: "integer", nullable: false),
                    IncrementalEveryHours = table.Column<int>(type: "integer", nullable: false),
                    RetentionDays = table.Column<int>(type: "integer", nullable: false),
                    Location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OffSite = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                name: "backups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ManifestSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ManifestSelfHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Entries = table.Column<long>(type: "bigint", nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_backups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_backups_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "change_notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Impact = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    PlannedStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PlannedEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MonitorIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    NoticeDays = table.Column<int>(type: "integer", nullable: false),
                    SupervisorReviewRequired = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubmittedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SupervisorReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SupervisorApproved = table.Column<bool>(type: "boolean", nullable: true),
                    SupervisorReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MaintenanceWindowId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                name: "confidentiality_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Scope = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Reviewers = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Result = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_confidentiality_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_confidentiality_reviews_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "continuity_plan_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    ImpactAnalysis = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RiskAssessment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Team = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TestsAndDrills = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Steps = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SavedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SavedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SavedByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_continuity_plan_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_continuity_plan_versions_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_calendar_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
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
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OfficeStart = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    OfficeEnd = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    MailChannelId = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Participants = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Scenario = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Result = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    General = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Roles = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Prevention = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Grading = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Procedure = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Safeguards = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    WrittenByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ApprovedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                name: "exit_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Roles = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Schedule = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ContractConditions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    EvidenceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ApprovedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exit_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exit_plans_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exit_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TargetKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Method = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Passed = table.Column<bool>(type: "boolean", nullable: true),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_exit_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_exit_records_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "handover_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpectedManifestSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ExpectedSelfHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Algorithm = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    ExpectedEntries = table.Column<long>(type: "bigint", nullable: true),
                    HandedOverByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    HandedOverAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_handover_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_handover_items_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "improvement_actions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OwnerOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosingNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClosedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_improvement_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_improvement_actions_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Category = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Grade = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DetectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnalysedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ContainedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecoveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incidents_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Scope = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Method = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Frequency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_plans_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "migration_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Item = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    Passed = table.Column<bool>(type: "boolean", nullable: true),
                    EvidenceId = table.Column<Guid>(type: "uuid", nullable: true),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_migration_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_migration_records_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "operation_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PeriodFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PeriodTo = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: true),
                    IssuerRole = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StoredByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    StoredByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StoredByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    StoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AvailabilityPercent = table.Column<double>(type: "double precision", nullable: true),
                    SlaMet = table.Column<bool>(type: "boolean", nullable: true),
                    Breaches = table.Column<int>(type: "integer", nullable: false),
                    Snapshot = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sm3 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_operation_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_operation_reports_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChangeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueBy = table.Column<DateOnly>(type: "date", nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Findings = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Measures = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    CompletedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "trial_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Plan = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    PlanEvidenceId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IntervalSeconds = table.Column<int>(type: "integer", nullable: false),
                    BackupEveryHours = table.Column<int>(type: "integer", nullable: false),
                    RevertedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trial_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_trial_runs_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agent_events",
                columns: table => new
                {
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Stream = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FindingCount = table.Column<int>(type: "integer", nullable: false),
                    Findings = table.Column<string>(type: "character varying(1000000)", maxLength: 1000000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agent_events", x => new { x.AgentId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_agent_events_agents_AgentId",
                        column: x => x.AgentId,
                        principalTable: "agents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rollbacks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    BackupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReceivedSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Match = table.Column<bool>(type: "boolean", nullable: false),
                    Missing = table.Column<int>(type: "integer", nullable: false),
                    Extra = table.Column<int>(type: "integer", nullable: false),
                    Altered = table.Column<int>(type: "integer", nullable: false),
                    Differences = table.Column<string>(type: "text", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollbacks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rollbacks_backups_BackupId",
                        column: x => x.BackupId,
                        principalTable: "backups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_rollbacks_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "duty_escalation_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    AfterMinutes = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "data_return_checks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReceivedSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Match = table.Column<bool>(type: "boolean", nullable: false),
                    Missing = table.Column<int>(type: "integer", nullable: false),
                    Extra = table.Column<int>(type: "integer", nullable: false),
                    Altered = table.Column<int>(type: "integer", nullable: false),
                    Differences = table.Column<string>(type: "text", nullable: false),
                    Signature = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_return_checks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_data_return_checks_handover_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "handover_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_data_return_checks_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_alerts",
                columns: table => new
                {
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    AlertId = table.Column<Guid>(type: "uuid", nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_alerts", x => new { x.IncidentId, x.AlertId });
                    table.ForeignKey(
                        name: "FK_incident_alerts_alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_incident_alerts_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActorOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorOrganisationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incident_entries_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    FileType = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sm3 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    UploadedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UploadedByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incident_files_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_report_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Recipient = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    DoneByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DoneByOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportedTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_report_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incident_report_tasks_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_reviews",
                columns: table => new
                {
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Cause = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Impact = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    WhatWorked = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Lessons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ReviewedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReviewedByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_reviews", x => x.IncidentId);
                    table.ForeignKey(
                        name: "FK_incident_reviews_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    PerformedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Inspectors = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Scope = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Report = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedByOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspections_inspection_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "inspection_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_inspections_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "trial_monitor_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TrialId = table.Column<Guid>(type: "uuid", nullable: false),
                    MonitorId = table.Column<Guid>(type: "uuid", nullable: false),
                    PreviousIntervalSeconds = table.Column<int>(type: "integer", nullable: false),
                    RaisedIntervalSeconds = table.Column<int>(type: "integer", nullable: false),
                    RevertedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trial_monitor_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_trial_monitor_changes_monitors_MonitorId",
                        column: x => x.MonitorId,
                        principalTable: "monitors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_trial_monitor_changes_trial_runs_TrialId",
                        column: x => x.TrialId,
                        principalTable: "trial_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_acceptance_verdicts_WebsiteId_At",
                table: "acceptance_verdicts",
                columns: new[] { "WebsiteId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_agent_events_AgentId_Stream_At",
                table: "agent_events",
                columns: new[] { "AgentId", "Stream", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_agents_MonitorId",
                table: "agents",
                column: "MonitorId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agents_WebsiteId",
                table: "agents",
                column: "WebsiteId");

            migrationBuilder.CreateIndex(
                name: "IX_backup_restore_drills_WebsiteId_HeldOn",
                table: "backup_restore_drills",
                columns: new[] { "WebsiteId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_backups_WebsiteId_TakenAt",
                table: "backups",
                columns: new[] { "WebsiteId", "TakenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_change_notices_WebsiteId_PlannedStart",
                table: "change_notices",
                columns: new[] { "WebsiteId", "PlannedStart" });

            migrationBuilder.CreateIndex(
                name: "IX_confidentiality_reviews_WebsiteId_ReviewedOn",
                table: "confidentiality_reviews",
                columns: new[] { "WebsiteId", "ReviewedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_continuity_plan_versions_WebsiteId_Number",
                table: "continuity_plan_versions",
                columns: new[] { "WebsiteId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_data_return_checks_ItemId_At",
                table: "data_return_checks",
                columns: new[] { "ItemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_data_return_checks_WebsiteId",
                table: "data_return_checks",
                column: "WebsiteId");

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
                name: "IX_exit_plans_WebsiteId",
                table: "exit_plans",
                column: "WebsiteId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_exit_records_WebsiteId_Kind_At",
                table: "exit_records",
                columns: new[] { "WebsiteId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_handover_items_WebsiteId_Kind_Name",
                table: "handover_items",
                columns: new[] { "WebsiteId", "Kind", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_improvement_actions_Source_SourceId",
                table: "improvement_actions",
                columns: new[] { "Source", "SourceId" });

            migrationBuilder.CreateIndex(
                name: "IX_improvement_actions_WebsiteId_Status_DueOn",
                table: "improvement_actions",
                columns: new[] { "WebsiteId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_incident_alerts_AlertId",
                table: "incident_alerts",
                column: "AlertId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_incident_entries_IncidentId_Id",
                table: "incident_entries",
                columns: new[] { "IncidentId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_incident_files_IncidentId",
                table: "incident_files",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_incident_files_Sha256",
                table: "incident_files",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_incident_report_tasks_IncidentId_Recipient",
                table: "incident_report_tasks",
                columns: new[] { "IncidentId", "Recipient" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_incident_report_tasks_WebsiteId_DoneAt_DueAt",
                table: "incident_report_tasks",
                columns: new[] { "WebsiteId", "DoneAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_incidents_WebsiteId_DetectedAt",
                table: "incidents",
                columns: new[] { "WebsiteId", "DetectedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_plans_WebsiteId",
                table: "inspection_plans",
                column: "WebsiteId");

            migrationBuilder.CreateIndex(
                name: "IX_inspections_PlanId",
                table: "inspections",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_inspections_WebsiteId_PerformedOn",
                table: "inspections",
                columns: new[] { "WebsiteId", "PerformedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_migration_records_WebsiteId_Kind_At",
                table: "migration_records",
                columns: new[] { "WebsiteId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_operation_reports_WebsiteId_Kind_StoredAt",
                table: "operation_reports",
                columns: new[] { "WebsiteId", "Kind", "StoredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_assessments_WebsiteId_State",
                table: "risk_assessments",
                columns: new[] { "WebsiteId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_rollbacks_BackupId",
                table: "rollbacks",
                column: "BackupId");

            migrationBuilder.CreateIndex(
                name: "IX_rollbacks_WebsiteId_At",
                table: "rollbacks",
                columns: new[] { "WebsiteId", "At" });

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

            migrationBuilder.CreateIndex(
                name: "IX_trial_monitor_changes_MonitorId",
                table: "trial_monitor_changes",
                column: "MonitorId");

            migrationBuilder.CreateIndex(
                name: "IX_trial_monitor_changes_TrialId",
                table: "trial_monitor_changes",
                column: "TrialId");

            migrationBuilder.CreateIndex(
                name: "IX_trial_runs_RevertedAt_EndsAt",
                table: "trial_runs",
                columns: new[] { "RevertedAt", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_trial_runs_WebsiteId_StartsAt",
                table: "trial_runs",
                columns: new[] { "WebsiteId", "StartsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "acceptance_verdicts");

            migrationBuilder.DropTable(
                name: "agent_events");

            migrationBuilder.DropTable(
                name: "backup_restore_drills");

            migrationBuilder.DropTable(
                name: "backup_strategies");

            migrationBuilder.DropTable(
                name: "change_notices");

            migrationBuilder.DropTable(
                name: "confidentiality_reviews");

            migrationBuilder.DropTable(
                name: "continuity_plan_versions");

            migrationBuilder.DropTable(
                name: "data_return_checks");

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
                name: "exit_plans");

            migrationBuilder.DropTable(
                name: "exit_records");

            migrationBuilder.DropTable(
                name: "improvement_actions");

            migrationBuilder.DropTable(
                name: "incident_alerts");

            migrationBuilder.DropTable(
                name: "incident_entries");

            migrationBuilder.DropTable(
                name: "incident_files");

            migrationBuilder.DropTable(
                name: "incident_report_tasks");

            migrationBuilder.DropTable(
                name: "incident_reviews");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "migration_records");

            migrationBuilder.DropTable(
                name: "operation_reports");

            migrationBuilder.DropTable(
                name: "risk_assessments");

            migrationBuilder.DropTable(
                name: "rollbacks");

            migrationBuilder.DropTable(
                name: "tamper_baselines");

            migrationBuilder.DropTable(
                name: "tamper_changes");

            migrationBuilder.DropTable(
                name: "trial_monitor_changes");

            migrationBuilder.DropTable(
                name: "agents");

            migrationBuilder.DropTable(
                name: "handover_items");

            migrationBuilder.DropTable(
                name: "duty_members");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "inspection_plans");

            migrationBuilder.DropTable(
                name: "backups");

            migrationBuilder.DropTable(
                name: "trial_runs");

            migrationBuilder.DropColumn(
                name: "To",
                table: "notification_deliveries");
        }
    }
}
