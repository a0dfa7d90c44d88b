using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RightsPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditChainAnchor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastRowHash",
                table: "AuditChainChecks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastRowId",
                table: "AuditChainChecks",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastRowHash",
                table: "AuditChainChecks");

            migrationBuilder.DropColumn(
                name: "LastRowId",
                table: "AuditChainChecks");
        }
    }
}
