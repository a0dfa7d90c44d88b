using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RightsPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AccessOffered",
                table: "Requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Decision",
                table: "Requests",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionReasons",
                table: "Requests",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErasureBlockedBy",
                table: "Requests",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "FamilyGroupId",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FeeAmount",
                table: "Requests",
                type: "TEXT",
                precision: 8,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeBasis",
                table: "Requests",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FeePaidOn",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeeReason",
                table: "Requests",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FeeRequestedOn",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecipientsTold",
                table: "Requests",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestrictionGround",
                table: "Requests",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RestrictionLiftNoticeOn",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RestrictionLiftedOn",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RestrictionPlacedOn",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferNotice",
                table: "Requests",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferredFromReference",
                table: "Requests",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TransferredFromRequestId",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferredToReference",
                table: "Requests",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TransferredToRequestId",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "CaseEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ServiceName",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuthorityRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ChildIsCompetent = table.Column<bool>(type: "INTEGER", nullable: true),
                    RecordedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuthorityRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuthorityRecords_Requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Disposition = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Exemption = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisclosureItems_Requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Years = table.Column<int>(type: "INTEGER", nullable: false),
                    Months = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CategoryCodes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetentionRules_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_FamilyGroupId",
                table: "Requests",
                column: "FamilyGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorityRecords_RequestId",
                table: "AuthorityRecords",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureItems_RequestId",
                table: "DisclosureItems",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRules_OrganisationId",
                table: "RetentionRules",
                column: "OrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuthorityRecords");

            migrationBuilder.DropTable(
                name: "DisclosureItems");

            migrationBuilder.DropTable(
                name: "RetentionRules");

            migrationBuilder.DropIndex(
                name: "IX_Requests_FamilyGroupId",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "AccessOffered",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "Decision",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "DecisionReasons",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ErasureBlockedBy",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "FamilyGroupId",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "FeeAmount",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "FeeBasis",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "FeePaidOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "FeeReason",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "FeeRequestedOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "RecipientsTold",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "RestrictionGround",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "RestrictionLiftNoticeOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "RestrictionLiftedOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "RestrictionPlacedOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "TransferNotice",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "TransferredFromReference",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "TransferredFromRequestId",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "TransferredToReference",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "TransferredToRequestId",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "CaseEvents");

            migrationBuilder.DropColumn(
                name: "ServiceName",
                table: "AspNetUsers");
        }
    }
}
