using RightsPortal.Domain.Retention;
using static RightsPortal.Domain.Tests.RetentionCases;

namespace RightsPortal.Domain.Tests;

/// <summary>Legal holds: placed on a case or a child with reasons, released once, and no longer holding once released.</summary>
public sealed class RetentionLegalHoldTests
{
    private static readonly DateOnly Today = new(2026, 3, 31);

    [Fact]
    public void A_hold_on_a_case_records_who_placed_it_when_and_why_trimmed()
    {
        var requestId = Guid.NewGuid();
        var hold = LegalHold.OnCase(Organisation, requestId, LegalHoldKind.Claim, "  Letter before claim from the family's solicitor  ", " dpo ", Morning);

        Assert.Equal((requestId, LegalHoldKind.Claim, "Letter before claim from the family's solicitor", "dpo", Morning), (hold.RequestId, hold.Kind, hold.Reason, hold.PlacedBy, hold.PlacedAt));
        Assert.True(hold.IsInForce);
        Assert.Null(hold.Child);
        Assert.True(hold.Holds(requestId, Sam));
        Assert.False(hold.Holds(Guid.NewGuid(), Sam));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_hold_needs_a_reason(string reason)
    {
        var refused = Assert.Throws<DomainRuleException>(() => LegalHold.OnCase(Organisation, Guid.NewGuid(), LegalHoldKind.Inquiry, reason, "dpo", Morning));
        Assert.StartsWith("Say why the records must be kept", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hold_reason_is_limited_to_2000_characters()
    {
        LegalHold.OnCase(Organisation, Guid.NewGuid(), LegalHoldKind.Inquiry, new string('x', 2000), "dpo", Morning);
        var refused = Assert.Throws<DomainRuleException>(() => LegalHold.OnCase(Organisation, Guid.NewGuid(), LegalHoldKind.Inquiry, new string('x', 2001), "dpo", Morning));
        Assert.Equal("Keep the reason to 2000 characters or fewer.", refused.Message);
    }

    [Fact]
    public void A_hold_needs_who_placed_it_and_a_case()
    {
        Assert.Throws<DomainRuleException>(() => LegalHold.OnCase(Organisation, Guid.NewGuid(), LegalHoldKind.Inquiry, "Inquiry", " ", Morning));
        Assert.Throws<DomainRuleException>(() => LegalHold.OnCase(Organisation, Guid.Empty, LegalHoldKind.Inquiry, "Inquiry", "dpo", Morning));
    }

    [Fact]
    public void A_hold_on_a_child_matches_the_name_however_it_is_written_and_the_date_of_birth_exactly()
    {
        var hold = LegalHold.OnChild(Organisation, "Zoë  O'Neil-Smith", new DateOnly(2012, 2, 29), LegalHoldKind.Inquiry, "Local inquiry", "dpo", Morning, Today);

        Assert.Equal("Zoë  O'Neil-Smith", hold.ChildName);
        Assert.Equal("zoe oneil smith", hold.ChildNameKey);
        Assert.True(hold.Holds(Guid.NewGuid(), ChildKey.Of(" zoe ONEIL smith", new DateOnly(2012, 2, 29))));
        Assert.True(hold.Holds(null, ChildKey.Of("Zoe O’Neil Smith", new DateOnly(2012, 2, 29))));
        Assert.False(hold.Holds(Guid.NewGuid(), ChildKey.Of("Zoe O'Neil-Smith", new DateOnly(2012, 3, 1))));
        Assert.False(hold.Holds(Guid.NewGuid(), ChildKey.Of("Zoe Smith", new DateOnly(2012, 2, 29))));
        Assert.False(hold.Holds(Guid.NewGuid(), null));
    }

    [Fact]
    public void A_child_needs_a_name_and_a_date_of_birth_not_in_the_future()
    {
        Assert.Throws<DomainRuleException>(() => ChildKey.Of(" -' ", new DateOnly(2012, 1, 1)));
        var refused = Assert.Throws<DomainRuleException>(() => LegalHold.OnChild(Organisation, "Sam", Today.AddDays(1), LegalHoldKind.Inquiry, "Inquiry", "dpo", Morning, Today));
        Assert.Equal("The child's date of birth cannot be in the future.", refused.Message);
    }

    [Fact]
    public void A_released_hold_records_who_when_and_why_and_no_longer_holds()
    {
        var requestId = Guid.NewGuid();
        var hold = HoldOnCase(requestId);
        hold.Release("  ICO closed its case  ", "dpo@council.example", Morning.AddDays(10));

        Assert.False(hold.IsInForce);
        Assert.False(hold.Holds(requestId, Sam));
        Assert.True(hold.Covers(requestId, Sam));
        Assert.Equal(("ICO closed its case", "dpo@council.example", Morning.AddDays(10)), (hold.ReleaseReason, hold.ReleasedBy, hold.ReleasedAt));
    }

    [Fact]
    public void A_hold_is_released_only_once()
    {
        var hold = HoldOnCase(Guid.NewGuid());
        hold.Release("ICO closed its case", "dpo@council.example", Morning.AddDays(10));

        var refused = Assert.Throws<DomainRuleException>(() => hold.Release("Again", "someone", Morning.AddDays(11)));
        Assert.Equal("This hold was already released by dpo@council.example.", refused.Message);
        Assert.Equal("ICO closed its case", hold.ReleaseReason);
    }

    [Fact]
    public void A_release_needs_a_reason_a_person_and_a_time_after_the_hold_was_placed()
    {
        var hold = HoldOnCase(Guid.NewGuid());
        Assert.Throws<DomainRuleException>(() => hold.Release(" ", "dpo", Morning.AddDays(1)));
        Assert.Throws<DomainRuleException>(() => hold.Release("Closed", "", Morning.AddDays(1)));
        Assert.Throws<DomainRuleException>(() => hold.Release(new string('x', 2001), "dpo", Morning.AddDays(1)));
        var refused = Assert.Throws<DomainRuleException>(() => hold.Release("Closed", "dpo", Morning.AddMinutes(-1)));
        Assert.Equal("A hold cannot be released before it was placed.", refused.Message);
        Assert.True(hold.IsInForce);
    }

    [Fact]
    public void A_hold_was_in_force_from_the_moment_it_was_placed_until_the_moment_it_was_released()
    {
        var hold = HoldOnCase(Guid.NewGuid());
        hold.Release("ICO closed its case", "dpo", Morning.AddHours(3));

        Assert.False(hold.WasInForceAt(Morning.AddTicks(-1)));
        Assert.True(hold.WasInForceAt(Morning));
        Assert.True(hold.WasInForceAt(Morning.AddHours(3).AddTicks(-1)));
        Assert.False(hold.WasInForceAt(Morning.AddHours(3)));
    }

    [Theory]
    [InlineData("...")]
    [InlineData(" - ")]
    [InlineData("")]
    public void A_name_with_nothing_to_match_on_has_no_key_rather_than_failing(string name)
    {
        Assert.Null(ChildKey.TryOf(name, new DateOnly(2015, 1, 1)));
        Assert.Throws<DomainRuleException>(() => ChildKey.Of(name, new DateOnly(2015, 1, 1)));
    }

    [Fact]
    public void TryOf_keys_a_real_name_as_Of_does()
    {
        Assert.Equal(ChildKey.Of("Zoë O'Neil", new DateOnly(2015, 1, 1)), ChildKey.TryOf("zoe  oneil", new DateOnly(2015, 1, 1)));
    }
}
