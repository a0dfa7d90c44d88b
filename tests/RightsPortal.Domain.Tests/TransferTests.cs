using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Tests;

/// <summary>Transfers between organisations in the portal, and one family's requests about several children.</summary>
public sealed class TransferTests
{
    private static readonly DeadlineCalculator Calculator = new(HolidayCalendar.EnglandAndWales);
    private static readonly DateOnly Mar2 = new(2026, 3, 2);
    private static readonly Guid School = Guid.NewGuid();

    private static CaseContext On(DateOnly today, string actor = "caseworker-1") =>
        new(actor, new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), today, Calculator, ClockSettings.Default);

    private static RightsRequest InProgress()
    {
        var request = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), Right.Access, Channel.Email,
            new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), "Hursthead Junior"),
            ["ehc"], "Everything about the school's SEN support", Mar2, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Mar2, Calculator, ClockSettings.Default);
        request.ProceedWithoutIdentity("Known to the service", On(Mar2));
        return request;
    }

    [Fact]
    public void The_receiving_organisations_clock_starts_on_the_day_it_receives_the_request_and_both_cases_link()
    {
        // Sent on Mon 9 Mar 2026: the school's limit is Thu 9 Apr 2026, not the council's Thu 2 Apr.
        var council = InProgress();
        var school = RightsRequest.ReceiveTransfer(council, "Stoke-on-Trent City Council", School, "HHJ-2026-000001", ["ehc"], null, On(new DateOnly(2026, 3, 9)));
        council.TransferTo(school, "Hursthead Junior School", true, null, "The SEN support records are the school's", On(new DateOnly(2026, 3, 9)));

        Assert.Equal(new DateOnly(2026, 3, 9), school.ReceivedOn);
        Assert.Equal(new DateOnly(2026, 4, 9), school.DueOn);
        Assert.Equal(Channel.Transfer, school.Channel);
        Assert.Equal(council.Id, school.TransferredFromRequestId);
        Assert.Equal("STK-2026-000001", school.TransferredFromReference);
        Assert.Equal(school.Id, council.TransferredToRequestId);
        Assert.Equal("HHJ-2026-000001", council.TransferredToReference);
        Assert.Equal(RequestStatus.Transferred, council.Status);
        Assert.Empty(council.AllowedActions());
        Assert.Equal(("Sam", "Pat", Right.Access), (school.SubjectName, school.RequesterName, school.Right));
    }

    [Fact]
    public void The_family_is_told_who_has_the_request_when_it_arrived_and_when_they_will_respond()
    {
        var council = InProgress();
        var school = RightsRequest.ReceiveTransfer(council, "Stoke-on-Trent City Council", School, "HHJ-2026-000001", ["ehc"], null, On(new DateOnly(2026, 3, 9)));
        council.TransferTo(school, "Hursthead Junior School", true, null, "the SEN support records are the school's.", On(new DateOnly(2026, 3, 9)));

        Assert.Equal(
            "We have passed your request about Sam to Hursthead Junior School, because the SEN support records are the school's. " +
            "They received it on Monday 9 March 2026, their reference is HHJ-2026-000001, and they must respond by Thursday 9 April 2026.",
            council.TransferNotice);
        Assert.Equal(council.TransferNotice, school.TransferNotice);
        Assert.Equal("Transferred", council.Events[^1].Kind);
        Assert.Equal("Transferred in", school.Events[^1].Kind);
    }

    [Fact]
    public void A_part_transfer_keeps_the_original_case_open_with_its_own_deadline()
    {
        var council = InProgress();
        var school = RightsRequest.ReceiveTransfer(council, "Stoke", School, "HHJ-2026-000001", ["ehc"], "Records of SEN support at school", On(new DateOnly(2026, 3, 9)));
        council.TransferTo(school, "Hursthead Junior School", false, "Records of SEN support at school", "They hold them", On(new DateOnly(2026, 3, 9)));

        Assert.Equal(RequestStatus.InProgress, council.Status);
        Assert.Equal(new DateOnly(2026, 4, 2), council.DueOn);
        Assert.Contains("part of your request (Records of SEN support at school)", council.TransferNotice, StringComparison.Ordinal);
        Assert.Contains("We will still respond to the rest of your request by Thursday 2 April 2026.", council.TransferNotice, StringComparison.Ordinal);
        Assert.StartsWith("Transferred part: Records of SEN support at school", school.Details, StringComparison.Ordinal);
        Assert.Equal("Part transferred", council.Events[^1].Kind);
    }

    [Fact]
    public void A_request_is_transferred_once_only_and_never_after_a_response_is_drafted()
    {
        var council = InProgress();
        var school = RightsRequest.ReceiveTransfer(council, "Stoke", School, "HHJ-2026-000001", ["ehc"], "Part", On(new DateOnly(2026, 3, 9)));
        council.TransferTo(school, "Hursthead", false, "Part", "Theirs", On(new DateOnly(2026, 3, 9)));
        var again = RightsRequest.ReceiveTransfer(council, "Stoke", School, "HHJ-2026-000002", ["ehc"], null, On(new DateOnly(2026, 3, 9)));
        Assert.Throws<DomainRuleException>(() => council.TransferTo(again, "Hursthead", true, null, "Theirs", On(new DateOnly(2026, 3, 9))));

        var drafted = InProgress();
        drafted.DraftResponse(Outcome.NothingHeld, "Nothing held", On(new DateOnly(2026, 3, 5)));
        var late = RightsRequest.ReceiveTransfer(drafted, "Stoke", School, "HHJ-2026-000003", ["ehc"], null, On(new DateOnly(2026, 3, 9)));
        Assert.Throws<DomainRuleException>(() => drafted.TransferTo(late, "Hursthead", true, null, "Theirs", On(new DateOnly(2026, 3, 9))));
    }

    [Fact]
    public void A_transfer_needs_a_reason_and_another_organisation()
    {
        var council = InProgress();
        var same = RightsRequest.ReceiveTransfer(council, "Stoke", council.OrganisationId, "STK-2026-000002", ["ehc"], null, On(new DateOnly(2026, 3, 9)));
        Assert.Throws<DomainRuleException>(() => council.TransferTo(same, "Stoke", true, null, "Reason", On(new DateOnly(2026, 3, 9))));

        var school = RightsRequest.ReceiveTransfer(council, "Stoke", School, "HHJ-2026-000001", ["ehc"], null, On(new DateOnly(2026, 3, 9)));
        Assert.Throws<DomainRuleException>(() => council.TransferTo(school, "Hursthead", true, null, " ", On(new DateOnly(2026, 3, 9))));
        Assert.Throws<DomainRuleException>(() => council.TransferTo(school, "Hursthead", false, " ", "Theirs", On(new DateOnly(2026, 3, 9))));

        Assert.Equal(RequestStatus.InProgress, council.Status);
        Assert.Null(council.TransferredToRequestId);
    }

    [Fact]
    public void Each_child_in_a_family_group_keeps_its_own_case_and_clock()
    {
        var first = InProgress();
        var group = first.Id;
        var second = RightsRequest.Receive(first.OrganisationId, "STK-2026-000002", Guid.NewGuid(), Right.Access, Channel.Email,
            new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Alex", new DateOnly(2016, 5, 5), null),
            ["ehc"], null, Mar2, new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero), new DateOnly(2026, 3, 4), Calculator, ClockSettings.Default, "caseworker-1", group);
        first.JoinFamily(group, second.Reference, second.SubjectName, On(new DateOnly(2026, 3, 4)));

        Assert.Equal(group, first.FamilyGroupId);
        Assert.Equal(group, second.FamilyGroupId);
        Assert.Equal(first.DueOn, second.DueOn); // both received the same day
        Assert.Equal("Another child added", first.Events[^1].Kind);
        Assert.Equal("Alex has their own case, STK-2026-000002, with its own clock.", first.Events[^1].Detail);

        // Each clock moves on its own: ID arriving for one child does not move the other.
        second.RequestIdentity("Second child not known to us", On(new DateOnly(2026, 3, 4)));
        second.RecordIdentityReceived(new DateOnly(2026, 3, 10), On(new DateOnly(2026, 3, 10)));
        Assert.Equal(new DateOnly(2026, 4, 10), second.DueOn);
        Assert.Equal(new DateOnly(2026, 4, 2), first.DueOn);

        Assert.Throws<DomainRuleException>(() => first.JoinFamily(Guid.NewGuid(), "STK-2026-000003", "Jo", On(new DateOnly(2026, 3, 4))));
    }
}
