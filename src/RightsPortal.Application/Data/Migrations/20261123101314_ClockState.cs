using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RightsPortal.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClockState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Extended",
                table: "Requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExtendedOn",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ExtensionNoticeBy",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionReason",
                table: "Requests",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "InternalTargetOn",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PausedDays",
                table: "Requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ComplaintReading",
                table: "Organisations",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Statutory");

            migrationBuilder.AddColumn<string>(
                name: "HolidayRegion",
                table: "Organisations",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "EnglandAndWales");

            migrationBuilder.AddColumn<int>(
                name: "InternalTargetDays",
                table: "Organisations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "InternalTargetInWorkingDays",
                table: "Organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "PauseReading",
                table: "Organisations",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Statutory");

            migrationBuilder.CreateTable(
                name: "ClarificationPauses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AskedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AnsweredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClarificationPauses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClarificationPauses_Requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "Requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InsetDays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsetDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InsetDays_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublishedBankHolidays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedBankHolidays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SchoolTerms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolTerms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SchoolTerms_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClarificationPauses_RequestId",
                table: "ClarificationPauses",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_InsetDays_OrganisationId_Date",
                table: "InsetDays",
                columns: new[] { "OrganisationId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublishedBankHolidays_Region_Date",
                table: "PublishedBankHolidays",
                columns: new[] { "Region", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchoolTerms_OrganisationId_StartsOn",
                table: "SchoolTerms",
                columns: new[] { "OrganisationId", "StartsOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClarificationPauses");

            migrationBuilder.DropTable(
                name: "InsetDays");

            migrationBuilder.DropTable(
                name: "PublishedBankHolidays");

            migrationBuilder.DropTable(
                name: "SchoolTerms");

            migrationBuilder.DropColumn(
                name: "Extended",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ExtendedOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ExtensionNoticeBy",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ExtensionReason",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "InternalTargetOn",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "PausedDays",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "ComplaintReading",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "HolidayRegion",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "InternalTargetDays",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "InternalTargetInWorkingDays",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "PauseReading",
                table: "Organisations");
        }
    }
}
