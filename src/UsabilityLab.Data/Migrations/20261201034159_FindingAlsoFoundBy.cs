using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UsabilityLab.Data.Migrations
{
    /// <inheritdoc />
    public partial class FindingAlsoFoundBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AlsoFoundBy",
                table: "Findings",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AlsoFoundBy",
                table: "Findings");
        }
    }
}
