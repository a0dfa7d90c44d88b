using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Retention;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Tests;

/// <summary>Issue 7: a DPO places legal holds on a case or a child, and releases them, in their own organisation only.</summary>
public sealed class LegalHoldTests
{
    [Fact]
    public async Task A_DPO_holds_a_case_by_its_reference_and_releases_it_once_with_who_and_why_recorded()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));

        var id = await app.AsDpo("STK").SendAsync(new PlaceLegalHoldCommand(LegalHoldKind.IcoInvestigation, "  ICO case IC-12345-X1Y2  ", receipt.Reference.ToLowerInvariant(), null, null));

        var hold = Assert.Single(await app.SendAsync(new GetLegalHoldsQuery()));
        Assert.Equal((id, receipt.Reference, "ICO case IC-12345-X1Y2", true), (hold.Id, hold.CaseReference, hold.Reason, hold.InForce));
        Assert.Equal(PortalApp.DefaultNow, hold.PlacedAt);
        await using (var db = app.Db())
        {
            var stored = await db.LegalHolds.AsNoTracking().SingleAsync();
            Assert.Equal((receipt.RequestId, "dpo-STK", app.OrganisationId("STK")), (stored.RequestId, stored.PlacedBy, stored.OrganisationId));
            Assert.Contains(await db.AuditEvents.AsNoTracking().ToListAsync(), e => e.Action == nameof(PlaceLegalHoldCommand) && e.ActorId == "dpo-STK");
        }

        app.Clock.Advance(TimeSpan.FromDays(30));
        await app.SendAsync(new ReleaseLegalHoldCommand(id, "The ICO closed its investigation."));
        var released = Assert.Single(await app.SendAsync(new GetLegalHoldsQuery()));
        Assert.False(released.InForce);
        Assert.Equal((PortalApp.DefaultNow.AddDays(30), "The ICO closed its investigation."), (released.ReleasedAt!.Value, released.ReleaseReason));

        var again = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new ReleaseLegalHoldCommand(id, "Twice")));
        Assert.StartsWith("This hold was already released", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_releases_of_the_same_hold_at_once_save_only_the_first()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await app.AsDpo("STK").SendAsync(new PlaceLegalHoldCommand(LegalHoldKind.Inquiry, "Public inquiry", null, "A Child", new DateOnly(2014, 1, 1)));
        await using var late = app.Db();
        var seenBeforehand = await late.LegalHolds.SingleAsync(h => h.Id == id); // loaded while still in force

        await app.SendAsync(new ReleaseLegalHoldCommand(id, "Inquiry closed"));
        seenBeforehand.Release("A second click", "dpo-STK", PortalApp.DefaultNow.AddMinutes(1));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => late.SaveChangesAsync());
        var hold = Assert.Single(await app.SendAsync(new GetLegalHoldsQuery()));
        Assert.Equal("Inquiry closed", hold.ReleaseReason);
    }

    [Fact]
    public async Task A_DPO_holds_everything_about_a_child_by_name_and_date_of_birth()
    {
        await using var app = await PortalApp.StartAsync();
        await app.AsDpo("HHJ").SendAsync(new PlaceLegalHoldCommand(LegalHoldKind.Tribunal, "SEND Tribunal appeal 24-01234", null, "Zoë O'Neil-Smith", new DateOnly(2015, 2, 28)));

        var hold = Assert.Single(await app.SendAsync(new GetLegalHoldsQuery()));
        Assert.Equal(("Zoë O'Neil-Smith", new DateOnly(2015, 2, 28), (string?)null), (hold.ChildName, hold.ChildDateOfBirth, hold.CaseReference));
        await using var db = app.Db();
        Assert.Equal("zoe oneil smith", (await db.LegalHolds.AsNoTracking().SingleAsync()).ChildNameKey);
    }

    [Fact]
    public async Task Another_organisations_case_cannot_be_held_and_its_holds_are_neither_seen_nor_released()
    {
        await using var app = await PortalApp.StartAsync();
        var barnet = await app.AsPublic().SendAsync(app.ValidAccessRequest("BAR"));

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => app.AsDpo("STK").SendAsync(new PlaceLegalHoldCommand(LegalHoldKind.Claim, "Claim", barnet.Reference, null, null)));
        Assert.Equal($"There is no case {barnet.Reference} in your organisation. Check the reference on the case page.", refused.Message);

        var id = await app.AsDpo("BAR").SendAsync(new PlaceLegalHoldCommand(LegalHoldKind.Claim, "County court claim", barnet.Reference, null, null));
        Assert.Empty(await app.AsDpo("STK").SendAsync(new GetLegalHoldsQuery()));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new ReleaseLegalHoldCommand(id, "Not mine")));
        Assert.True(Assert.Single(await app.AsDpo("BAR").SendAsync(new GetLegalHoldsQuery())).InForce);
    }

    [Fact]
    public async Task Only_a_DPO_may_place_see_or_release_holds()
    {
        await using var app = await PortalApp.StartAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new PlaceLegalHoldCommand(LegalHoldKind.Inquiry, "Inquiry", null, "A Child", new DateOnly(2014, 1, 1))));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetLegalHoldsQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ReleaseLegalHoldCommand(Guid.NewGuid(), "Why")));
    }

    [Theory]
    [InlineData("", "STK-2026-000001", null, null, "Say why the records must be kept: the investigation, hearing or claim and its reference.")]
    [InlineData("Reason", null, null, null, "Give either the case reference, or the child's name and date of birth, not both.")]
    [InlineData("Reason", "STK-2026-000001", "A Child", "2014-01-01", "Give either the case reference, or the child's name and date of birth, not both.")]
    [InlineData("Reason", null, "A Child", null, "Give the child's date of birth.")]
    [InlineData("Reason", null, null, "2014-01-01", "Give the child's full name.")]
    [InlineData("Reason", null, "A Child", "2026-03-03", "The child's date of birth cannot be in the future.")]
    public async Task A_hold_with_missing_or_contradictory_answers_is_refused_with_what_to_do(string reason, string? reference, string? child, string? dateOfBirth, string message)
    {
        await using var app = await PortalApp.StartAsync();
        var dob = dateOfBirth is null ? (DateOnly?)null : DateOnly.Parse(dateOfBirth, System.Globalization.CultureInfo.InvariantCulture);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.AsDpo("STK").SendAsync(new PlaceLegalHoldCommand(LegalHoldKind.Inquiry, reason, reference, child, dob)));

        Assert.Contains(message, refused.Errors.Select(e => e.ErrorMessage));
        await using var db = app.Db();
        Assert.Empty(await db.LegalHolds.AsNoTracking().ToListAsync());
    }
}
