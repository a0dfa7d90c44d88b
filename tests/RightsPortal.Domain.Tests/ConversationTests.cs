using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Tests;

/// <summary>Messages, the family's answers and uploads: what they do to the case and its clock.</summary>
public sealed class ConversationTests
{
    private static readonly DeadlineCalculator Calculator = new(HolidayCalendar.EnglandAndWales);
    private static readonly DateOnly Mar2 = new(2026, 3, 2);

    private static CaseContext On(DateOnly today, string actor = "caseworker-1") =>
        new(actor, new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), today, Calculator, ClockSettings.Default);

    private static RightsRequest Received() => RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), Right.Access, Channel.WebForm,
        new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
        ["ehc"], null, Mar2, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Mar2, Calculator, ClockSettings.Default);

    [Fact]
    public void A_family_reply_while_paused_is_the_clarification_answer_and_the_clock_resumes_that_day()
    {
        // Paused Tue 10 Mar, answered Fri 13 Mar by the family.s message: 4 paused days, counting both ends.
        var request = Received();
        request.ProceedWithoutIdentity("Known", On(Mar2));
        request.PauseForClarification(new DateOnly(2026, 3, 10), "Which school years?", On(new DateOnly(2026, 3, 10)));

        request.MessageFromFamily("Years 5 and 6, please.", On(new DateOnly(2026, 3, 13), "family"));

        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Equal(new DateOnly(2026, 3, 13), request.Pauses.Single().AnsweredOn);
        Assert.Equal(4, request.PausedDays);
        var message = Assert.Single(request.Messages);
        Assert.True(message.FromFamily);
        Assert.Equal("Years 5 and 6, please.", message.Text);
        Assert.Equal(["Message from the family", "Clarification received"], request.Events.TakeLast(2).Select(e => e.Kind));
    }

    [Fact]
    public void A_family_message_at_other_times_leaves_the_clock_alone()
    {
        var request = Received();
        request.ProceedWithoutIdentity("Known", On(Mar2));
        var due = request.DueOn;

        request.MessageFromFamily("Please also include emails.", On(new DateOnly(2026, 3, 5), "family"));

        Assert.Equal((RequestStatus.InProgress, due), (request.Status, request.DueOn));
    }

    [Fact]
    public void The_team_can_write_to_the_family_and_blank_or_overlong_messages_are_refused()
    {
        var request = Received();
        request.MessageFromTeam("We have started work on your request.", On(Mar2));

        Assert.False(Assert.Single(request.Messages).FromFamily);
        Assert.Equal("Message to the family", request.Events[^1].Kind);
        Assert.Throws<DomainRuleException>(() => request.MessageFromFamily("  ", On(Mar2, "family")));
        Assert.Throws<DomainRuleException>(() => request.MessageFromFamily(new string('a', RightsRequest.MessageLimit + 1), On(Mar2, "family")));
        Assert.Single(request.Messages);
    }

    [Fact]
    public void A_finished_request_takes_no_family_message()
    {
        var request = Received();
        request.Withdraw("Phoned to withdraw", On(Mar2));

        var refused = Assert.Throws<DomainRuleException>(() => request.MessageFromFamily("Hello?", On(Mar2, "family")));

        Assert.StartsWith("This request is finished.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_of_identity_uploaded_while_awaited_restarts_the_clock_from_that_day()
    {
        var request = Received();
        request.RequestIdentity("Details do not match our records", On(Mar2));

        request.RecordUpload(UploadKind.Identity, "passport.pdf", true, On(new DateOnly(2026, 3, 16), "family"));

        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Equal(new DateOnly(2026, 3, 16), request.StartOn);
        Assert.Equal(new DateOnly(2026, 4, 16), request.DueOn);
        Assert.Contains(request.Events, e => e.Kind == "File added" && e.Detail == "The family added proof of identity: passport.pdf.");
    }

    [Fact]
    public void Evidence_uploaded_at_other_times_changes_no_dates()
    {
        var request = Received();
        request.ProceedWithoutIdentity("Known", On(Mar2));
        var (start, due) = (request.StartOn, request.DueOn);

        request.RecordUpload(UploadKind.Evidence, "letter.pdf", true, On(new DateOnly(2026, 3, 16), "family"));

        Assert.Equal((start, due), (request.StartOn, request.DueOn));
    }

    [Fact]
    public void Answers_are_recorded_once_in_order_without_blanks()
    {
        var request = Received();
        request.RecordAnswers([("What is wrong?", " The plan says he has no hearing aid. "), ("Anything else?", " "), ("What should it say?", "He wears one.")]);

        Assert.Equal([("What is wrong?", "The plan says he has no hearing aid."), ("What should it say?", "He wears one.")],
            request.Answers.OrderBy(a => a.Sequence).Select(a => (a.Question, a.Answer)));
        Assert.Throws<DomainRuleException>(() => request.RecordAnswers([("Again?", "Yes")]));
    }
}
