using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RightsPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class RetentionSweep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DestroyedAt",
                table: "Requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DestroyedUnderRule",
                table: "Requests",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DestructionApprovedBy",
                table: "Requests",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "IdentityDecidedOn",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LeapDayToFirstMarch",
                table: "Organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "RetentionReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DueSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    KeepUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RuleApplied = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionReviews", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRuleChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RuleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    After = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRuleChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionReviews_OrganisationId_DecidedAt",
                table: "RetentionReviews",
                columns: new[] { "OrganisationId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionReviews_OrganisationId_RequestId",
                table: "RetentionReviews",
                columns: new[] { "OrganisationId", "RequestId" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRuleChanges_OrganisationId_ChangedAt",
                table: "RetentionRuleChanges",
                columns: new[] { "OrganisationId", "ChangedAt" });

            // Cases decided before this column existed: proof that arrived restarted the clock on its arrival day
            // (StartOn); a case that needed none was decided when it was received. Close enough to start the ID
            // documents' short period, and never later than the real decision.
            migrationBuilder.Sql("""
                UPDATE "Requests" SET "IdentityDecidedOn" = "StartOn"
                WHERE "IdentityDecidedOn" IS NULL AND "IdentityNeeded" = 1 AND "Status" <> 'AwaitingIdentity';
                UPDATE "Requests" SET "IdentityDecidedOn" = "ReceivedOn"
                WHERE "IdentityDecidedOn" IS NULL AND "IdentityNeeded" = 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RetentionReviews");

            migrationBuilder.DropTable(
                name: "RetentionRuleChanges");

            migrationBuilder.DropColumn(
                name: "DestroyedAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "DestroyedUnderRule",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "DestructionApprovedBy",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "IdentityDecidedOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "LeapDayToFirstMarch",
                table: "Organisations");
        }
    }
}
