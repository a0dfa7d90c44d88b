using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Intake;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>
/// T1: a caseworker logs a request that reached the organisation some other way, with the date it really arrived.
/// Clock at Mon 2 Mar 2026 (PortalApp.DefaultNow) unless a test says otherwise.
/// </summary>
public sealed class LogRequestTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    /// <summary>The details every new request has, so one spoilt value can be given to the family's form and to intake alike.</summary>
    public sealed record Fields(
        RequesterRole? RequesterRole,
        string? RequesterName,
        string? RequesterEmail,
        string? SubjectName,
        DateOnly? SubjectDateOfBirth,
        string? SubjectSetting,
        IReadOnlyList<string> DataCategories,
        string? Details);

    private static Fields Valid(PortalApp app, string code = "STK")
    {
        var form = app.ValidAccessRequest(code);
        return new Fields(form.RequesterRole, form.RequesterName, form.RequesterEmail, form.SubjectName, form.SubjectDateOfBirth,
            form.SubjectSetting, form.DataCategories, form.Details);
    }

    private static LogRequestCommand Log(Fields f, Right right = Right.Access, Channel channel = Channel.Email, DateOnly? receivedOn = null, Guid? submissionId = null) =>
        new(submissionId ?? Guid.NewGuid(), right, channel, receivedOn ?? Today, f.RequesterRole, f.RequesterName, f.RequesterEmail, f.SubjectName,
            f.SubjectDateOfBirth, f.SubjectSetting, f.DataCategories, f.Details);

    private static SubmitAccessRequestCommand Form(Fields f, string code = "STK") =>
        new(code, Guid.NewGuid(), f.RequesterRole, f.RequesterName, f.RequesterEmail, f.SubjectName, f.SubjectDateOfBirth, f.SubjectSetting,
            f.DataCategories, f.Details);

    [Fact]
    public async Task A_letter_received_three_days_ago_is_logged_with_its_true_date_and_the_deadline_counts_from_it()
    {
        // Received Fri 27 Feb 2026: one calendar month is Fri 27 Mar 2026, a working day.
        await using var app = await PortalApp.StartAsync();
        await app.AsPublic().SendAsync(app.ValidAccessRequest("STK")); // the form and intake share the organisation's sequence
        var receivedOn = new DateOnly(2026, 2, 27);

        var receipt = await app.AsCaseworker("STK").SendAsync(Log(Valid(app), Right.Erasure, Channel.Letter, receivedOn));

        Assert.Equal("STK-2026-000002", receipt.Reference);
        Assert.Equal(app.OrganisationId("STK"), receipt.OrganisationId);
        Assert.Equal(receivedOn, receipt.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 3, 27), receipt.DueOn);

        await using var db = app.Db();
        var request = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == receipt.RequestId);
        Assert.Equal(Right.Erasure, request.Right);
        Assert.Equal(Channel.Letter, request.Channel);
        Assert.Equal(RequestStatus.Received, request.Status);
        Assert.Equal(receivedOn, request.ReceivedOn);
        Assert.Equal(receivedOn, request.StartOn);
        Assert.Equal(new DateOnly(2026, 3, 27), request.DueOn);
        Assert.Equal(PortalApp.DefaultNow, request.RecordedAt);
        Assert.Equal("Pat Testparent", request.RequesterName);

        var received = Assert.Single(request.Events);
        Assert.Equal("Received", received.Kind);
        Assert.Equal("caseworker-STK", received.ActorId);
        Assert.Equal(PortalApp.DefaultNow, received.At);
        Assert.Equal("Received on Fri 27 Feb 2026 by letter.", received.Detail);

        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == nameof(LogRequestCommand));
        Assert.Equal("Succeeded", audit.Outcome);
        Assert.Equal("caseworker-STK", audit.ActorId);
        Assert.Equal(receipt.RequestId, audit.RequestId);
    }

    [Fact]
    public async Task A_request_received_at_the_weekend_a_year_ago_counts_from_that_day()
    {
        // Sat 1 Mar 2025 is exactly 366 days before Mon 2 Mar 2026: still allowed. One month is Tue 1 Apr 2025.
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.AsCaseworker("STK").SendAsync(Log(Valid(app), receivedOn: new DateOnly(2025, 3, 1)));

        Assert.Equal(new DateOnly(2025, 3, 1), receipt.ReceivedOn);
        Assert.Equal(new DateOnly(2025, 4, 1), receipt.DueOn);
    }

    [Fact]
    public async Task A_letter_from_last_year_logged_in_January_takes_a_reference_for_the_year_it_was_received()
    {
        // Logged Mon 4 Jan 2027 for Wed 30 Dec 2026: one month is Sat 30 Jan 2027, so Mon 1 Feb 2027.
        await using var app = await PortalApp.StartAsync(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.Zero));
        var logged = await app.AsCaseworker("STK").SendAsync(Log(Valid(app), channel: Channel.Letter, receivedOn: new DateOnly(2026, 12, 30)));
        var submitted = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));

        Assert.Equal("STK-2026-000001", logged.Reference);
        Assert.Equal(new DateOnly(2027, 2, 1), logged.DueOn);
        Assert.Equal("STK-2027-000001", submitted.Reference);
    }

    [Theory]
    [InlineData("2026-03-03", "cannot be in the future")]
    [InlineData("2027-03-02", "cannot be in the future")]
    [InlineData("2025-02-28", "more than a year ago")]
    [InlineData("2020-01-01", "more than a year ago")]
    public async Task A_received_date_in_the_future_or_more_than_366_days_ago_is_refused_on_that_field(string receivedOn, string message)
    {
        await using var app = await PortalApp.StartAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.AsCaseworker("STK").SendAsync(Log(Valid(app), receivedOn: DateOnly.Parse(receivedOn, System.Globalization.CultureInfo.InvariantCulture))));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(nameof(LogRequestCommand.ReceivedOn), error.PropertyName);
        Assert.Contains(message, error.ErrorMessage, StringComparison.Ordinal);
        await AssertNothingStoredAsync(app);
    }

    [Theory]
    [InlineData(Channel.WebForm)]
    [InlineData(Channel.Integration)]
    [InlineData((Channel)42)]
    public async Task Only_a_channel_staff_can_receive_by_is_accepted(Channel channel)
    {
        await using var app = await PortalApp.StartAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.AsCaseworker("STK").SendAsync(Log(Valid(app), channel: channel)));

        Assert.All(refused.Errors, e => Assert.Equal(nameof(LogRequestCommand.Channel), e.PropertyName));
        Assert.Contains(refused.Errors, e => e.ErrorMessage.StartsWith("Select how the request arrived", StringComparison.Ordinal));
        await AssertNothingStoredAsync(app);
    }

    [Theory]
    [InlineData(Channel.Email, "email")]
    [InlineData(Channel.Letter, "letter")]
    [InlineData(Channel.Phone, "phone")]
    [InlineData(Channel.InPerson, "someone in person")]
    [InlineData(Channel.SocialMedia, "social media")]
    public async Task Every_channel_staff_receive_by_is_accepted_and_named_on_the_timeline(Channel channel, string named)
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.AsCaseworker("STK").SendAsync(Log(Valid(app), channel: channel));

        await using var db = app.Db();
        var request = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == receipt.RequestId);
        Assert.Equal(channel, request.Channel);
        Assert.Equal($"Received on Mon 2 Mar 2026 by {named}.", Assert.Single(request.Events).Detail);
    }

    public static TheoryData<string, string, Func<Fields, Fields>> SharedRules() => new()
    {
        { "markup in the requester name", "RequesterName", f => f with { RequesterName = "<script>alert(1)</script>" } },
        { "blank requester name", "RequesterName", f => f with { RequesterName = "  " } },
        { "email without an at sign", "RequesterEmail", f => f with { RequesterEmail = "not-an-email" } },
        { "missing role", "RequesterRole", f => f with { RequesterRole = null } },
        { "missing child's name", "SubjectName", f => f with { SubjectName = null } },
        { "date of birth tomorrow", "SubjectDateOfBirth", f => f with { SubjectDateOfBirth = new DateOnly(2026, 3, 3) } },
        { "date of birth 121 years ago", "SubjectDateOfBirth", f => f with { SubjectDateOfBirth = new DateOnly(1905, 3, 2) } },
        { "markup in the school", "SubjectSetting", f => f with { SubjectSetting = "<img src=x onerror=alert(1)>" } },
        { "no kind of record", "DataCategories", f => f with { DataCategories = [] } },
        { "a kind of record the organisation does not hold", "DataCategories", f => f with { DataCategories = ["contact-details", "made-up"] } },
        { "control character in the details", "Details", f => f with { Details = "Reports\u0000from 2024" } },
    };

    [Theory]
    [MemberData(nameof(SharedRules))]
    public async Task Logged_details_are_refused_exactly_as_the_familys_form_refuses_them(string problem, string field, Func<Fields, Fields> spoil)
    {
        Assert.NotEmpty(problem);
        await using var app = await PortalApp.StartAsync();
        var spoilt = spoil(Valid(app));

        var onTheForm = await Assert.ThrowsAsync<ValidationException>(() => app.AsPublic().SendAsync(Form(spoilt)));
        var atIntake = await Assert.ThrowsAsync<ValidationException>(() => app.AsCaseworker("STK").SendAsync(Log(spoilt)));

        Assert.Contains(atIntake.Errors, e => e.PropertyName == field);
        Assert.All(atIntake.Errors, e => Assert.Equal(field, e.PropertyName));
        Assert.Equal(
            onTheForm.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).Order(),
            atIntake.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).Order());
        await AssertNothingStoredAsync(app);
    }

    [Fact]
    public async Task The_same_submission_logged_twice_stores_one_request()
    {
        await using var app = await PortalApp.StartAsync();
        var submission = Guid.NewGuid();
        var command = Log(Valid(app), Right.Rectification, Channel.Phone, new DateOnly(2026, 2, 27), submission);

        var first = await app.AsCaseworker("STK").SendAsync(command);
        var second = await app.SendAsync(command);

        Assert.Equal(first, second);
        await using var db = app.Db();
        Assert.Equal(1, await db.Requests.CountAsync());
        var counter = await db.ReferenceCounters.SingleAsync();
        Assert.Equal(1, counter.LastSequence);
        Assert.Equal("STK-2026-000002", (await app.SendAsync(Log(Valid(app)))).Reference);
    }

    [Fact]
    public async Task A_caseworker_logs_into_their_own_organisation_only()
    {
        await using var app = await PortalApp.StartAsync();

        var receipt = await app.AsCaseworker("BAR").SendAsync(Log(Valid(app, "BAR"), Right.Erasure, Channel.Email));

        Assert.Equal(app.OrganisationId("BAR"), receipt.OrganisationId);
        Assert.StartsWith("BAR-2026-", receipt.Reference, StringComparison.Ordinal);
        await using (var db = app.Db())
        {
            var request = await db.Requests.AsNoTracking().SingleAsync();
            Assert.Equal(app.OrganisationId("BAR"), request.OrganisationId);
            Assert.Equal("caseworker-BAR", Assert.Single(request.Events).ActorId);
        }

        // Another organisation's kinds of record are not on BAR's list.
        var stkOnly = app.CategoryCodes("STK").Except(app.CategoryCodes("BAR")).Take(1).ToList();
        Assert.NotEmpty(stkOnly);
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.AsCaseworker("BAR").SendAsync(Log(Valid(app, "BAR") with { DataCategories = stkOnly })));
        Assert.Equal("DataCategories", Assert.Single(refused.Errors).PropertyName);

        // A DPO may log too, into their own organisation.
        var byDpo = await app.AsDpo("STK").SendAsync(Log(Valid(app)));
        Assert.Equal(app.OrganisationId("STK"), byDpo.OrganisationId);
        Assert.Equal("STK-2026-000001", byDpo.Reference);
    }

    [Fact]
    public async Task The_public_an_administrator_and_staff_without_an_organisation_cannot_log_a_request()
    {
        await using var app = await PortalApp.StartAsync();
        var command = Log(Valid(app));

        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(command));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsAdministrator().SendAsync(command));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworkerWithoutOrganisation().SendAsync(command));

        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
        Assert.Equal(0, await db.ReferenceCounters.CountAsync());
    }

    [Fact]
    public async Task An_expired_form_or_an_unknown_right_is_refused_on_its_field()
    {
        await using var app = await PortalApp.StartAsync();
        app.AsCaseworker("STK");

        var expired = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(Log(Valid(app)) with { SubmissionId = Guid.Empty }));
        Assert.Equal("SubmissionId", Assert.Single(expired.Errors).PropertyName);

        var unknown = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(Log(Valid(app), right: (Right)42)));
        Assert.Equal("Right", Assert.Single(unknown.Errors).PropertyName);
        await AssertNothingStoredAsync(app);
    }

    private static async Task AssertNothingStoredAsync(PortalApp app)
    {
        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
        Assert.Equal(0, await db.ReferenceCounters.CountAsync());
    }
}
