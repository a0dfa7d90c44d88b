using FluentValidation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

public sealed class AccessRequestSubmissionTests
{
    [Fact]
    public async Task A_valid_request_is_stored_with_a_reference_the_received_date_and_the_legal_due_date()
    {
        // Mon 2 Mar 2026 + one calendar month = Thu 2 Apr 2026, a working day.
        await using var app = await TestPortal.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var receipt = await app.SendAsync(TestPortal.AccessRequest());

        Assert.Equal("STK-2026-000001", receipt.Reference);
        await using var db = app.Db();
        var stored = await db.Requests.SingleAsync();
        Assert.Equal(receipt.RequestId, stored.Id);
        Assert.Equal(new DateOnly(2026, 3, 2), stored.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 4, 2), stored.DueOn);
        Assert.Equal(RequestStatus.Received, stored.Status);
        Assert.Equal(Channel.WebForm, stored.Channel);
        Assert.Equal(Right.Access, stored.Right);
        Assert.Equal(["contact-details", "health"], stored.DataCategories);
    }

    [Fact]
    public async Task A_due_date_on_Easter_Monday_moves_to_the_Tuesday()
    {
        // Fri 6 Mar 2026 + one month = Mon 6 Apr 2026, Easter Monday: Tue 7 Apr 2026.
        await using var app = await TestPortal.StartAsync(new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero));
        var receipt = await app.SendAsync(TestPortal.AccessRequest());
        Assert.Equal(new DateOnly(2026, 4, 7), receipt.DueOn);
    }

    [Fact]
    public async Task References_count_up_per_organisation_and_start_again_each_year()
    {
        await using var app = await TestPortal.StartAsync(new DateTimeOffset(2026, 12, 30, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal("STK-2026-000001", (await app.SendAsync(TestPortal.AccessRequest("STK"))).Reference);
        Assert.Equal("STK-2026-000002", (await app.SendAsync(TestPortal.AccessRequest("STK"))).Reference);
        Assert.Equal("BAR-2026-000001", (await app.SendAsync(TestPortal.AccessRequest("BAR"))).Reference);
        app.Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal("STK-2027-000001", (await app.SendAsync(TestPortal.AccessRequest("STK"))).Reference);
    }

    [Theory]
    [InlineData("2026-06-30T23:30:00Z", "2026-07-01")] // British Summer Time: already 1 July in the UK
    [InlineData("2026-01-31T23:30:00Z", "2026-01-31")] // Greenwich Mean Time: still 31 January
    public async Task The_received_date_is_the_UK_calendar_date(string utcNow, string expected)
    {
        await using var app = await TestPortal.StartAsync(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture));
        var receipt = await app.SendAsync(TestPortal.AccessRequest());
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), receipt.ReceivedOn);
    }

    [Fact]
    public async Task Posting_the_same_form_twice_stores_one_request()
    {
        await using var app = await TestPortal.StartAsync();
        var submission = Guid.NewGuid();
        var first = await app.SendAsync(TestPortal.AccessRequest(submissionId: submission));
        var second = await app.SendAsync(TestPortal.AccessRequest(submissionId: submission));

        Assert.Equal(first.Reference, second.Reference);
        await using var db = app.Db();
        Assert.Equal(1, await db.Requests.CountAsync());
    }

    [Fact]
    public async Task Two_simultaneous_posts_of_the_same_form_store_one_request()
    {
        await using var app = await TestPortal.StartAsync();
        var submission = Guid.NewGuid();
        var receipts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.SendAsync(TestPortal.AccessRequest(submissionId: submission))));

        Assert.Single(receipts.Select(r => r.Reference).Distinct());
        await using var db = app.Db();
        Assert.Equal(1, await db.Requests.CountAsync());
    }

    public static TheoryData<string, Func<SubmitAccessRequestCommand, SubmitAccessRequestCommand>> BadInputs() => new()
    {
        { "RequesterRole", c => c with { RequesterRole = null } },
        { "RequesterRole", c => c with { RequesterRole = (RequesterRole)42 } },
        { "RequesterName", c => c with { RequesterName = "  " } },
        { "RequesterName", c => c with { RequesterName = new string('a', 201) } },
        { "RequesterName", c => c with { RequesterName = "<script>alert(1)</script>" } },
        { "RequesterEmail", c => c with { RequesterEmail = "not-an-email" } },
        { "RequesterEmail", c => c with { RequesterEmail = "a@b" } },
        { "RequesterEmail", c => c with { RequesterEmail = new string('a', 250) + "@x.org" } },
        { "SubjectName", c => c with { SubjectName = null } },
        { "SubjectDateOfBirth", c => c with { SubjectDateOfBirth = null } },
        { "SubjectDateOfBirth", c => c with { SubjectDateOfBirth = new DateOnly(2026, 3, 3) } },
        { "SubjectDateOfBirth", c => c with { SubjectDateOfBirth = new DateOnly(1900, 1, 1) } },
        { "SubjectSetting", c => c with { SubjectSetting = "<img src=x onerror=alert(1)>" } },
        { "DataCategories", c => c with { DataCategories = [] } },
        { "DataCategories", c => c with { DataCategories = ["made-up"] } },
        { "Details", c => c with { Details = new string('d', 4001) } },
        { "SubmissionId", c => c with { SubmissionId = Guid.Empty } },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_refused_with_a_message_for_the_field_and_nothing_is_stored(string field, Func<SubmitAccessRequestCommand, SubmitAccessRequestCommand> spoil)
    {
        await using var app = await TestPortal.StartAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(spoil(TestPortal.AccessRequest())));

        var failure = Assert.Single(refused.Errors, e => e.PropertyName == field);
        Assert.False(string.IsNullOrWhiteSpace(failure.ErrorMessage));
        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
        Assert.Equal(0, await db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task An_unknown_organisation_is_not_found_and_nothing_is_stored()
    {
        await using var app = await TestPortal.StartAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(TestPortal.AccessRequest() with { OrganisationCode = "ZZZ" }));
        await using var db = app.Db();
        Assert.Equal(0, await db.Requests.CountAsync());
    }

    [Fact]
    public async Task The_confirmation_is_found_by_its_submission_and_holds_no_personal_data()
    {
        await using var app = await TestPortal.StartAsync();
        var submission = Guid.NewGuid();
        await app.SendAsync(TestPortal.AccessRequest(submissionId: submission, subjectName: "Unique Childname"));

        var confirmation = await app.SendAsync(new GetSubmissionConfirmationQuery(submission));
        Assert.Equal("STK-2026-000001", confirmation.Reference);
        Assert.Equal("Stoke-on-Trent City Council", confirmation.OrganisationName);
        Assert.DoesNotContain("Unique Childname", confirmation.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetSubmissionConfirmationQuery(Guid.NewGuid())));
    }

    [Fact]
    public async Task The_three_organisations_are_listed_with_the_rights_their_notices_promise_and_their_records()
    {
        await using var app = await TestPortal.StartAsync();
        var organisations = await app.SendAsync(new ListOrganisationsQuery());
        Assert.Equal(["BAR", "HHJ", "STK"], organisations.Select(o => o.Code).Order());
        Assert.All(organisations, o => Assert.Contains(Right.Access, o.RightsPromised));
        Assert.Contains(Right.EducationalRecord, organisations.Single(o => o.Code == "HHJ").RightsPromised);
        Assert.Contains(Right.Portability, organisations.Single(o => o.Code == "STK").RightsPromised);

        var form = await app.SendAsync(new GetRequestFormQuery("stk"));
        Assert.Equal("contact-details", form.Categories[0].Code);
        Assert.Equal(9, form.Categories.Count);
    }

    [Fact]
    public async Task Seeding_twice_changes_nothing()
    {
        await using var app = await TestPortal.StartAsync();
        await using var db = app.Db();
        var categories = await db.DataCategories.CountAsync();
        await Seeding.PortalSeeder.SeedOrganisationsAsync(db);
        Assert.Equal(3, await db.Organisations.CountAsync());
        Assert.Equal(categories, await db.DataCategories.CountAsync());
    }
}
