using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UsabilityLab.Data.Migrations
{
    /// <inheritdoc />
    public partial class Scans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ScanId",
                table: "Audits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Scans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ChecklistId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Scans", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Audits_ScanId",
                table: "Audits",
                column: "ScanId");

            migrationBuilder.CreateIndex(
                name: "IX_Scans_StartedAt",
                table: "Scans",
                column: "StartedAt");

            migrationBuilder.AddForeignKey(
                name: "FK_Audits_Scans_ScanId",
                table: "Audits",
                column: "ScanId",
                principalTable: "Scans",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Audits_Scans_ScanId",
                table: "Audits");

            migrationBuilder.DropTable(
                name: "Scans");

            migrationBuilder.DropIndex(
                name: "IX_Audits_ScanId",
                table: "Audits");

            migrationBuilder.DropColumn(
                name: "ScanId",
                table: "Audits");
        }
    }
}
