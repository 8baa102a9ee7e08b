using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UsabilityLab.Data.Migrations
{
    /// <inheritdoc />
    public partial class RunEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Events",
                table: "StepResults",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Events",
                table: "Audits",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Events",
                table: "StepResults");

            migrationBuilder.DropColumn(
                name: "Events",
                table: "Audits");
        }
    }
}
