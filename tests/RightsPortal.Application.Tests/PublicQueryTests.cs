using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

public sealed class PublicQueryTests
{
    [Fact]
    public async Task The_confirmation_is_found_by_its_submission_with_the_reference_organisation_and_dates()
    {
        // Received Fri 6 Mar 2026 -> Tue 7 Apr 2026 (Easter Monday rolled).
        await using var app = await PortalApp.StartAsync(new DateTimeOffset(2026, 3, 6, 10, 0, 0, TimeSpan.Zero));
        var submission = Guid.NewGuid();
        await app.SendAsync(app.ValidAccessRequest("STK", submission) with { SubjectName = "Unique Childname" });
        await app.SendAsync(app.ValidAccessRequest("STK"));

        var confirmation = await app.AsPublic().SendAsync(new GetSubmissionConfirmationQuery(submission));
        Assert.Equal("STK-2026-000001", confirmation.Reference);
        Assert.Equal(Right.Access, confirmation.Right);
        Assert.Equal("Stoke-on-Trent City Council", confirmation.OrganisationName);
        Assert.Equal(new DateOnly(2026, 3, 6), confirmation.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 4, 7), confirmation.DueOn);
        Assert.DoesNotContain("Unique Childname", confirmation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_submission_has_no_confirmation()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetSubmissionConfirmationQuery(Guid.NewGuid())));
    }

    [Fact]
    public async Task The_request_form_for_an_organisation_code_in_any_case_lists_its_categories_in_order()
    {
        await using var app = await PortalApp.StartAsync();
        var form = await app.AsPublic().SendAsync(new GetRequestFormQuery("stk"));

        Assert.Equal("STK", form.Code);
        Assert.Equal("Stoke-on-Trent City Council", form.Name);
        Assert.Equal(
            ["contact-details", "attainment", "attendance-exclusions", "settings", "other-la-sen", "health", "social-care", "characteristics", "ehc"],
            form.Categories.Select(c => c.Code));
        Assert.Equal("Contact details", form.Categories[0].Name);
        Assert.All(form.Categories, c => Assert.False(string.IsNullOrWhiteSpace(c.Description)));
    }

    [Fact]
    public async Task The_request_form_shows_only_that_organisations_categories()
    {
        await using var app = await PortalApp.StartAsync();
        var form = await app.SendAsync(new GetRequestFormQuery("BAR"));
        Assert.Equal(10, form.Categories.Count);
        Assert.Contains(form.Categories, c => c.Code == "sen");
        Assert.DoesNotContain(form.Categories, c => c.Code == "contact-details");
    }

    [Fact]
    public async Task An_unknown_organisation_has_no_request_form()
    {
        await using var app = await PortalApp.StartAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetRequestFormQuery("ZZZ")));
    }

    [Fact]
    public async Task The_three_organisations_are_listed_each_promising_at_least_access()
    {
        await using var app = await PortalApp.StartAsync();
        var organisations = await app.AsPublic().SendAsync(new ListOrganisationsQuery());

        Assert.Equal(["BAR", "HHJ", "STK"], organisations.Select(o => o.Code).Order(StringComparer.Ordinal));
        Assert.All(organisations, o =>
        {
            Assert.NotEmpty(o.RightsPromised);
            Assert.Contains(Right.Access, o.RightsPromised);
            Assert.False(string.IsNullOrWhiteSpace(o.Name));
        });
        Assert.Contains(Right.EducationalRecord, organisations.Single(o => o.Code == "HHJ").RightsPromised);
        Assert.DoesNotContain(Right.EducationalRecord, organisations.Single(o => o.Code == "STK").RightsPromised);
    }
}
