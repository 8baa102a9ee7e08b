using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UsabilityLab.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeyboardPass : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "KeyboardCompleted",
                table: "Audits",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "KeyboardFailedStepIndex",
                table: "Audits",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "KeyboardMs",
                table: "Audits",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "KeyboardCompleted",
                table: "Audits");

            migrationBuilder.DropColumn(
                name: "KeyboardFailedStepIndex",
                table: "Audits");

            migrationBuilder.DropColumn(
                name: "KeyboardMs",
                table: "Audits");
        }
    }
}
