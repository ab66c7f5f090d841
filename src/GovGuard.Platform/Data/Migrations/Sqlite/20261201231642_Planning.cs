using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovGuard.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Planning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "planning_artefacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    Digest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SupersededAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planning_artefacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_planning_artefacts_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "planning_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArtefactId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ArtefactDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReviewerUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReviewerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_planning_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_planning_reviews_planning_artefacts_ArtefactId",
                        column: x => x.ArtefactId,
                        principalTable: "planning_artefacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sla_terms",
                columns: table => new
                {
                    WebsiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArtefactId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Digest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AvailabilityPercent = table.Column<decimal>(type: "TEXT", precision: 6, scale: 3, nullable: false),
                    MeasurementWindow = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ResponseTimeMs = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseTimePercentile = table.Column<int>(type: "INTEGER", nullable: false),
                    RtoMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    RpoMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    EspeciallyMajorResponseMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    MajorResponseMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    RelativelyMajorResponseMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    GeneralResponseMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_terms", x => x.WebsiteId);
                    table.ForeignKey(
                        name: "FK_sla_terms_planning_artefacts_ArtefactId",
                        column: x => x.ArtefactId,
                        principalTable: "planning_artefacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sla_terms_websites_WebsiteId",
                        column: x => x.WebsiteId,
                        principalTable: "websites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_planning_artefacts_WebsiteId_Kind_Number",
                table: "planning_artefacts",
                columns: new[] { "WebsiteId", "Kind", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_planning_reviews_ArtefactId",
                table: "planning_reviews",
                column: "ArtefactId");

            migrationBuilder.CreateIndex(
                name: "IX_planning_reviews_WebsiteId",
                table: "planning_reviews",
                column: "WebsiteId");

            migrationBuilder.CreateIndex(
                name: "IX_sla_terms_ArtefactId",
                table: "sla_terms",
                column: "ArtefactId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "planning_reviews");

            migrationBuilder.DropTable(
                name: "sla_terms");

            migrationBuilder.DropTable(
                name: "planning_artefacts");
        }
    }
}
