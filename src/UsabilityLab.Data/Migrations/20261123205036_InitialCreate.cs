using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UsabilityLab.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChecklistVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChecklistId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ContentSha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Vendors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vendors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Solutions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VendorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Vendors_VendorId",
                        column: x => x.VendorId,
                        principalTable: "Vendors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Audits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SolutionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChecklistVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TaskTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TaskScript = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TaskCompleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    FailedStepIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    FailureMessage = table.Column<string>(type: "TEXT", nullable: true),
                    TimeOnTaskMs = table.Column<long>(type: "INTEGER", nullable: false),
                    WallTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ActionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyboardCompleted = table.Column<bool>(type: "INTEGER", nullable: true),
                    KeyboardFailedStepIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    KeyboardMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ErrorHandlingMs = table.Column<long>(type: "INTEGER", nullable: false),
                    BrowserVersion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    AxeVersion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Audits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Audits_ChecklistVersions_ChecklistVersionId",
                        column: x => x.ChecklistVersionId,
                        principalTable: "ChecklistVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Audits_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AuditId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CriterionId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Reviewer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AssessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Evidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AuditId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RelativePath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evidence_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Findings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AuditId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CriterionId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: false),
                    HelpUrl = table.Column<string>(type: "TEXT", nullable: true),
                    Measurement = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StepIndex = table.Column<int>(type: "INTEGER", nullable: true),
                    Selector = table.Column<string>(type: "TEXT", nullable: true),
                    Html = table.Column<string>(type: "TEXT", nullable: true),
                    Wcag = table.Column<string>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Box = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EvidenceId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Findings_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Findings_Evidence_EvidenceId",
                        column: x => x.EvidenceId,
                        principalTable: "Evidence",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StepResults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AuditId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: true),
                    PageTitle = table.Column<string>(type: "TEXT", nullable: true),
                    ActionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ActionsMs = table.Column<long>(type: "INTEGER", nullable: false),
                    AxeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ScreenshotMs = table.Column<long>(type: "INTEGER", nullable: false),
                    ChecksMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    ScreenshotId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StepResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StepResults_Audits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "Audits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StepResults_Evidence_ScreenshotId",
                        column: x => x.ScreenshotId,
                        principalTable: "Evidence",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_AuditId_CriterionId_AssessedAt",
                table: "Assessments",
                columns: new[] { "AuditId", "CriterionId", "AssessedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_ChecklistVersionId",
                table: "Audits",
                column: "ChecklistVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Audits_SolutionId_StartedAt",
                table: "Audits",
                columns: new[] { "SolutionId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistVersions_ChecklistId_ContentSha256",
                table: "ChecklistVersions",
                columns: new[] { "ChecklistId", "ContentSha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_AuditId",
                table: "Evidence",
                column: "AuditId");

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_RelativePath",
                table: "Evidence",
                column: "RelativePath",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Findings_AuditId_CriterionId",
                table: "Findings",
                columns: new[] { "AuditId", "CriterionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_EvidenceId",
                table: "Findings",
                column: "EvidenceId");

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Fingerprint",
                table: "Findings",
                column: "Fingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_VendorId_Name",
                table: "Solutions",
                columns: new[] { "VendorId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StepResults_AuditId_Index",
                table: "StepResults",
                columns: new[] { "AuditId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StepResults_ScreenshotId",
                table: "StepResults",
                column: "ScreenshotId");

            migrationBuilder.CreateIndex(
                name: "IX_Vendors_Name",
                table: "Vendors",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "Findings");

            migrationBuilder.DropTable(
                name: "StepResults");

            migrationBuilder.DropTable(
                name: "Evidence");

            migrationBuilder.DropTable(
                name: "Audits");

            migrationBuilder.DropTable(
                name: "ChecklistVersions");

            migrationBuilder.DropTable(
                name: "Solutions");

            migrationBuilder.DropTable(
                name: "Vendors");
        }
    }
}
