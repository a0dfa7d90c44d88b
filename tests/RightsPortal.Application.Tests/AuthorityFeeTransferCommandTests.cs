using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>Authority, fees, transfers and a family's other children, through the real pipeline (received Mon 2 Mar 2026).</summary>
public sealed class AuthorityFeeTransferCommandTests
{
    private static async Task<(PortalApp App, Guid Id, Guid Version)> StartedAsync(string code = "STK")
    {
        var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest(code));
        app.AsCaseworker(code);
        var v0 = (await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId))).Version;
        var started = await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, v0, "Known parent; details match"));
        return (app, receipt.RequestId, started.Version);
    }

    [Fact]
    public async Task Authority_records_show_on_the_case_page_and_clear_the_warnings_they_answer()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;
        var before = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(SubjectStage.Child, before.SubjectStage); // born 27 Mar 2014
        Assert.Equal(new DateOnly(2030, 6, 28), before.YoungPersonFrom);
        Assert.Contains(before.AuthorityWarnings, w => w.Text.StartsWith("Parental responsibility has not been recorded", StringComparison.Ordinal));

        var s1 = await app.SendAsync(new RecordAuthorityCommand(id, version, AuthorityKind.ParentalResponsibilityEvidenced, "Birth certificate seen", null));
        await app.SendAsync(new RecordAuthorityCommand(id, s1.Version, AuthorityKind.CompetenceAssessment, "SENDCo spoke with Ada", false));

        var after = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal([AuthorityKind.ParentalResponsibilityEvidenced, AuthorityKind.CompetenceAssessment], after.Authorities.Select(a => a.Kind));
        Assert.Empty(after.AuthorityWarnings);
        await using var db = app.Db();
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.RequestId == id && e.Action == "RecordAuthorityCommand" && e.Outcome == "Succeeded"));
    }

    [Fact]
    public async Task A_competence_assessment_without_its_finding_is_a_validation_error()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new RecordAuthorityCommand(id, version, AuthorityKind.CompetenceAssessment, "Spoke with Ada", null)));

        Assert.Contains(refused.Errors, e => e.ErrorMessage == "Say whether the child understands what the request means.");
    }

    [Fact]
    public async Task A_fee_holds_the_case_and_its_arrival_restarts_the_clock()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));
        var asked = await app.SendAsync(new RequestFeeCommand(id, version, FeeBasis.ManifestlyExcessive, 25m, "Fifth identical request this month"));
        Assert.Equal(RequestStatus.AwaitingFee, asked.Status);

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 17, 10, 0, 0, TimeSpan.Zero));
        var paid = await app.SendAsync(new RecordFeePaidCommand(id, asked.Version, new DateOnly(2026, 3, 16)));

        Assert.Equal(RequestStatus.InProgress, paid.Status);
        Assert.Equal(new DateOnly(2026, 4, 16), paid.DueOn);
        var detail = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(new DateOnly(2026, 3, 16), detail.FeePaidOn);
        Assert.Contains(detail.Timeline, t => t.What == "Fee received");
    }

    [Fact]
    public async Task A_fee_without_an_amount_or_reason_is_a_validation_error_and_nothing_changes()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new RequestFeeCommand(id, version, FeeBasis.ManifestlyExcessive, 0m, " ")));

        Assert.Contains(refused.Errors, e => e.ErrorMessage == "Give the fee in pounds: more than £0.");
        Assert.Contains(refused.Errors, e => e.ErrorMessage == "Say why a fee is charged and how it was worked out.");
        Assert.Equal(RequestStatus.InProgress, (await app.SendAsync(new GetRequestDetailQuery(id))).Status);
    }

    [Fact]
    public async Task A_transfer_creates_the_receiving_case_with_its_own_reference_and_clock_and_links_both()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero));
        var options = await app.SendAsync(new GetTransferOptionsQuery());
        Assert.DoesNotContain(options, o => o.OrganisationId == app.OrganisationId("STK"));
        var school = Assert.Single(options, o => o.OrganisationId == app.OrganisationId("HHJ"));

        var result = await app.SendAsync(new TransferRequestCommand(id, version, school.OrganisationId, true, null, ["ehc"], "the SEN support records are the school's"));

        Assert.Equal(RequestStatus.Transferred, result.Sent.Status);
        Assert.Equal("HHJ-2026-000001", result.ReceivingReference);
        Assert.Equal(new DateOnly(2026, 4, 9), result.ReceivingDueOn); // received by the school Mon 9 Mar 2026

        var sent = await app.SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal("HHJ-2026-000001", sent.TransferredToReference);
        Assert.Contains("Hursthead", sent.TransferNotice, StringComparison.Ordinal);
        Assert.Empty(sent.AllowedActions);

        await using var db = app.Db();
        var received = await db.Requests.AsNoTracking().SingleAsync(r => r.Reference == "HHJ-2026-000001");
        Assert.Equal((app.OrganisationId("HHJ"), Channel.Transfer, id), (received.OrganisationId, received.Channel, received.TransferredFromRequestId));
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "TransferRequestCommand");
        Assert.Equal((id, "Succeeded"), (audit.RequestId, audit.Outcome));

        // The school's caseworker sees their new case; the council's case stays the council's.
        app.AsCaseworker("HHJ");
        var theirs = await app.SendAsync(new GetRequestDetailQuery(received.Id));
        Assert.Equal("STK-2026-000001", theirs.TransferredFromReference);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetRequestDetailQuery(id)));
    }

    [Fact]
    public async Task A_transfer_to_categories_the_receiver_does_not_hold_or_to_an_unknown_organisation_is_refused()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;

        var badCategory = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync(new TransferRequestCommand(id, version, app.OrganisationId("HHJ"), true, null, ["social-care"], "Theirs")));
        Assert.Contains(badCategory.Errors, e => e.ErrorMessage.StartsWith("Choose kinds of record", StringComparison.Ordinal));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync(new TransferRequestCommand(id, version, Guid.NewGuid(), true, null, ["ehc"], "Theirs")));
        await Assert.ThrowsAsync<DomainRuleException>(() =>
            app.SendAsync(new TransferRequestCommand(id, version, app.OrganisationId("STK"), true, null, ["ehc"], "Here")));

        await using var db = app.Db();
        Assert.Equal(1, await db.Requests.CountAsync());
    }

    [Fact]
    public async Task A_stale_transfer_is_a_conflict_and_creates_nothing()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;
        await app.SendAsync(new RecordAuthorityCommand(id, version, AuthorityKind.ParentalResponsibilityDeclared, "Mother", null));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            app.SendAsync(new TransferRequestCommand(id, version, app.OrganisationId("HHJ"), true, null, ["ehc"], "Theirs")));

        await using var db = app.Db();
        Assert.Equal(1, await db.Requests.CountAsync());
    }

    [Fact]
    public async Task Another_child_gets_their_own_case_received_the_same_day_and_both_cases_list_each_other()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero));
        var submission = Guid.NewGuid();

        var added = await app.SendAsync(new AddChildToRequestCommand(id, version, submission, "Ben Testchild", new DateOnly(2016, 9, 1), null));

        Assert.Equal("STK-2026-000002", added.Reference);
        Assert.Equal(new DateOnly(2026, 4, 2), added.DueOn); // received Mon 2 Mar with the first child
        var first = await app.SendAsync(new GetRequestDetailQuery(id));
        var second = await app.SendAsync(new GetRequestDetailQuery(added.RequestId));
        Assert.Equal(added.RequestId, Assert.Single(first.FamilyCases).Id);
        Assert.Equal(id, Assert.Single(second.FamilyCases).Id);
        Assert.Equal(("Pat Testparent", "Ben Testchild"), (second.RequesterName, second.SubjectName));
        Assert.Equal(RequestStatus.Received, second.Status); // its own clock and its own identity check

        // A retried save (same submission) finds the same case instead of making another.
        var again = await app.SendAsync(new AddChildToRequestCommand(id, added.Original.Version, submission, "Ben Testchild", new DateOnly(2016, 9, 1), null));
        Assert.Equal(added.RequestId, again.RequestId);
        await using var db = app.Db();
        Assert.Equal(2, await db.Requests.CountAsync());
    }

    [Fact]
    public async Task Another_child_needs_a_name_and_date_of_birth()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(new AddChildToRequestCommand(id, version, Guid.NewGuid(), " ", null, null)));

        Assert.Contains(refused.Errors, e => e.ErrorMessage == "Enter the child's full name");
        Assert.Contains(refused.Errors, e => e.ErrorMessage == "Enter the child's date of birth");
    }

    [Fact]
    public async Task Only_caseworkers_and_the_DPO_of_the_organisation_may_use_these_commands()
    {
        var (app, id, version) = await StartedAsync();
        await using var _ = app;

        await Assert.ThrowsAsync<NotFoundException>(() => app.AsCaseworker("BAR").SendAsync(new RecordAuthorityCommand(id, version, AuthorityKind.CourtOrder, "Order", null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsAdministrator().SendAsync(new RequestFeeCommand(id, version, FeeBasis.ManifestlyExcessive, 10m, "Why")));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new GetTransferOptionsQuery()));
        await app.AsDpo("STK").SendAsync(new RecordAuthorityCommand(id, version, AuthorityKind.CourtOrder, "Prohibited steps order", null));
    }
}
