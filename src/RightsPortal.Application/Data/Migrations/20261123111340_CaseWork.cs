using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RightsPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AdjustmentNotes",
                table: "Requests",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ClosedOn",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactRoute",
                table: "Requests",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Email");

            migrationBuilder.AddColumn<string>(
                name: "HearingKind",
                table: "Requests",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "HearingOn",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdentityDecisionReason",
                table: "Requests",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IdentityNeeded",
                table: "Requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "Requests",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreferredFormat",
                table: "Requests",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Standard");

            migrationBuilder.AddColumn<string>(
                name: "RefusalReasons",
                table: "Requests",
                type: "TEXT",
                maxLength: 9000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ResponseSentOn",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponseSummary",
                table: "Requests",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawalReason",
                table: "Requests",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseEvents_Requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SearchTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Instructions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AskedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SearchTasks_Requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_OrganisationId",
                table: "ApiKeys",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Prefix",
                table: "ApiKeys",
                column: "Prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseEvents_RequestId",
                table: "CaseEvents",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchTasks_CompletedOn_DueOn",
                table: "SearchTasks",
                columns: new[] { "CompletedOn", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchTasks_RequestId",
                table: "SearchTasks",
                column: "RequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "CaseEvents");

            migrationBuilder.DropTable(
                name: "SearchTasks");

            migrationBuilder.DropColumn(
                name: "AdjustmentNotes",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ClosedOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ContactRoute",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "HearingKind",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "HearingOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "IdentityDecisionReason",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "IdentityNeeded",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "PreferredFormat",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "RefusalReasons",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ResponseSentOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ResponseSummary",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "WithdrawalReason",
                table: "Requests");
        }
    }
}
