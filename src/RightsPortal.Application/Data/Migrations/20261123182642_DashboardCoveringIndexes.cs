using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RightsPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Requests_OrganisationId_ClosedOn",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_OrganisationId_ReceivedOn",
                table: "Requests");

            migrationBuilder.AddColumn<Guid>(
                name: "OrganisationId",
                table: "SearchTasks",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "ExemptionsApplied",
                table: "Requests",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            // Every search already asked belongs to its request's organisation.
            migrationBuilder.Sql(
                """UPDATE "SearchTasks" SET "OrganisationId" = (SELECT "r"."OrganisationId" FROM "Requests" AS "r" WHERE "r"."Id" = "SearchTasks"."RequestId");""");

            // Responses already sent keep the exemptions they relied on, as RightsRequest.Close records them: the names
            // of the exemptions applied to records withheld or redacted, comma-separated in order.
            migrationBuilder.Sql(
                """
                UPDATE "Requests" SET "ExemptionsApplied" = COALESCE((
                    SELECT group_concat("e", ',') FROM (
                        SELECT DISTINCT "d"."Exemption" AS "e" FROM "DisclosureItems" AS "d"
                        WHERE "d"."RequestId" = "Requests"."Id" AND "d"."Exemption" IS NOT NULL AND "d"."Disposition" <> 'Disclosed'
                        ORDER BY "d"."Exemption")), '')
                WHERE "Status" = 'Closed';
                """);

            migrationBuilder.CreateIndex(
                name: "IX_SearchTasks_OrganisationId_AskedOn_ServiceName_CompletedOn_DueOn",
                table: "SearchTasks",
                columns: new[] { "OrganisationId", "AskedOn", "ServiceName", "CompletedOn", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Finished",
                table: "Requests",
                columns: new[] { "OrganisationId", "ClosedOn", "ResponseSentOn", "Status", "Right", "Outcome", "Decision", "ExemptionsApplied", "DueOn", "InternalTargetOn", "ReceivedOn", "Extended", "PausedDays" },
                filter: "\"ClosedOn\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_OrganisationId_ReceivedOn_Right_Channel",
                table: "Requests",
                columns: new[] { "OrganisationId", "ReceivedOn", "Right", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OrganisationId_Action_At",
                table: "AuditEvents",
                columns: new[] { "OrganisationId", "Action", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchTasks_OrganisationId_AskedOn_ServiceName_CompletedOn_DueOn",
                table: "SearchTasks");

            migrationBuilder.DropIndex(
                name: "IX_Requests_Finished",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_Requests_OrganisationId_ReceivedOn_Right_Channel",
                table: "Requests");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_OrganisationId_Action_At",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "SearchTasks");

            migrationBuilder.DropColumn(
                name: "ExemptionsApplied",
                table: "Requests");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_OrganisationId_ClosedOn",
                table: "Requests",
                columns: new[] { "OrganisationId", "ClosedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_OrganisationId_ReceivedOn",
                table: "Requests",
                columns: new[] { "OrganisationId", "ReceivedOn" });
        }
    }
}
