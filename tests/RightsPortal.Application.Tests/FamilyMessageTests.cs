using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Families;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>Messages between a signed-in family and the team on the case, the family withdrawing online, and the emails that say a message is waiting.</summary>
public sealed class FamilyMessageTests
{
    private const string FamilyAddress = "pat.testparent@example.org";

    private static DateTimeOffset At(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A family's access request to STK (received Mon 2 Mar 2026, due Thu 2 Apr), in progress without needing ID.</summary>
    private static async Task<(Guid Id, string Reference, Guid Version)> InProgressAsync(PortalApp app, string? email = null)
    {
        var form = app.ValidAccessRequest("STK");
        var receipt = await app.AsPublic().SendAsync(email is null ? form : form with { RequesterEmail = email });
        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        var state = await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, detail.Version, "Details match our records"));
        return (receipt.RequestId, receipt.Reference, state.Version);
    }

    private static async Task<RightsRequest> LoadAsync(PortalApp app, Guid id)
    {
        await using var db = app.Db();
        return await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    [Fact]
    public async Task A_family_reply_while_paused_resumes_the_clock_on_the_day_it_arrived()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, reference, version) = await InProgressAsync(app);
        app.Clock.SetUtcNow(At(3, 10));
        var paused = await app.AsCaseworker("STK").SendAsync(new PauseForClarificationCommand(id, version, new DateOnly(2026, 3, 10), "Which school years are wanted?"));
        Assert.Equal(RequestStatus.ClarificationRequested, paused.Status);
        Assert.True((await app.AsFamily(FamilyAddress).SendAsync(new GetMyRequestQuery(reference))).AwaitingClarification);

        // Mon 16 Mar: the family answers online. Paused 10-16 Mar counting both ends = 7 days: Thu 2 Apr + 7 = Thu 9 Apr 2026.
        app.Clock.SetUtcNow(At(3, 16));
        var changed = await app.AsFamily("  Pat.TestParent@Example.org ").SendAsync(new SendMessageToTeamCommand(reference.ToLowerInvariant(), "Years 5 and 6, please."));

        Assert.Equal(new DateOnly(2026, 4, 9), changed.HearByOn);
        var request = await LoadAsync(app, id);
        Assert.Equal(RequestStatus.InProgress, request.Status);
        Assert.Equal(new DateOnly(2026, 4, 9), request.DueOn);
        Assert.Equal(new DateOnly(2026, 3, 16), Assert.Single(request.Pauses).AnsweredOn);
        var message = Assert.Single(request.Messages);
        Assert.True(message.FromFamily);
        Assert.Equal("family", message.AuthorId);
        Assert.Equal("Years 5 and 6, please.", message.Text);

        var seen = await app.AsFamily(FamilyAddress).SendAsync(new GetMyRequestQuery(reference));
        Assert.False(seen.AwaitingClarification);
        Assert.Equal(new MyMessage(At(3, 16), "You", "Years 5 and 6, please."), Assert.Single(seen.Messages));
        var staffView = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(id));
        Assert.Equal(new CaseMessageView(At(3, 16), true, "family", "Years 5 and 6, please."), Assert.Single(staffView.Messages));
    }

    [Fact]
    public async Task A_family_cannot_message_or_withdraw_another_familys_request()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, reference, version) = await InProgressAsync(app);
        await InProgressAsync(app, "someone.else@example.org");

        var other = app.AsFamily("someone.else@example.org");
        await Assert.ThrowsAsync<NotFoundException>(() => other.SendAsync(new SendMessageToTeamCommand(reference, "Hello")));
        await Assert.ThrowsAsync<NotFoundException>(() => other.SendAsync(new WithdrawMyRequestCommand(reference, "Not mine")));
        await Assert.ThrowsAsync<NotFoundException>(() => other.SendAsync(new WithdrawMyRequestCommand("STK-2026-999999", null)));

        var request = await LoadAsync(app, id);
        Assert.Equal(version, request.Version);
        Assert.Empty(request.Messages);
        Assert.Equal(RequestStatus.InProgress, request.Status);
    }

    [Fact]
    public async Task Staff_cannot_use_the_family_commands()
    {
        await using var app = await PortalApp.StartAsync();
        var (_, reference, _) = await InProgressAsync(app);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new SendMessageToTeamCommand(reference, "Hello")));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new WithdrawMyRequestCommand(reference, null)));
    }

    [Fact]
    public async Task Withdrawing_online_records_the_familys_reason()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, reference, _) = await InProgressAsync(app);
        app.Clock.SetUtcNow(At(3, 4));

        var changed = await app.AsFamily(FamilyAddress).SendAsync(new WithdrawMyRequestCommand(reference, "  We found the reports at home. "));

        Assert.True(changed.Finished);
        var request = await LoadAsync(app, id);
        Assert.Equal(RequestStatus.Withdrawn, request.Status);
        Assert.Equal("Withdrawn by the family online: We found the reports at home.", request.WithdrawalReason);
        Assert.Equal(new DateOnly(2026, 3, 4), request.ClosedOn);
        Assert.Equal("family", request.Events.OrderBy(e => e.Sequence).Last().ActorId);
    }

    [Fact]
    public async Task Withdrawing_without_a_reason_still_says_the_family_withdrew_online()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, reference, _) = await InProgressAsync(app);

        await app.AsFamily(FamilyAddress).SendAsync(new WithdrawMyRequestCommand(reference, " "));

        Assert.Equal("Withdrawn by the family online.", (await LoadAsync(app, id)).WithdrawalReason);
    }

    [Fact]
    public async Task A_finished_request_refuses_messages_with_the_domains_sentence()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, reference, _) = await InProgressAsync(app);
        await app.AsFamily(FamilyAddress).SendAsync(new WithdrawMyRequestCommand(reference, null));

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new SendMessageToTeamCommand(reference, "Hello?")));

        Assert.Equal("This request is finished. To ask about it again, make a new request or complain about how it was handled.", refused.Message);
        Assert.Empty((await LoadAsync(app, id)).Messages);
        await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new WithdrawMyRequestCommand(reference, null)));
    }

    [Fact]
    public async Task A_blank_or_too_long_message_is_refused_before_it_reaches_the_case()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, reference, _) = await InProgressAsync(app);
        var family = app.AsFamily(FamilyAddress);

        var blank = await Assert.ThrowsAsync<ValidationException>(() => family.SendAsync(new SendMessageToTeamCommand(reference, "   ")));
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => family.SendAsync(new SendMessageToTeamCommand(reference, new string('a', RightsRequest.MessageLimit + 1))));

        Assert.Equal("Enter your message", Assert.Single(blank.Errors).ErrorMessage);
        Assert.Equal("Your message must be 4000 characters or fewer", Assert.Single(tooLong.Errors).ErrorMessage);
        Assert.Empty((await LoadAsync(app, id)).Messages);
    }

    [Fact]
    public async Task The_teams_message_writes_one_email_saying_a_message_is_waiting_without_its_words()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, reference, version) = await InProgressAsync(app);
        const string Text = "We found the EHC plan drafts; do you want those too?";

        var state = await app.AsCaseworker("STK").SendAsync(new SendMessageToFamilyCommand(id, version, Text));

        Assert.NotEqual(version, state.Version);
        await using var db = app.Db();
        var mail = Assert.Single(await db.Outbox.AsNoTracking().Where(m => m.Kind == MailKinds.MessageFromTeam).ToListAsync());
        Assert.Equal(FamilyAddress, mail.To);
        Assert.Equal(id, mail.RequestId);
        Assert.Contains($"There is a new message about your request {reference}. Sign in to read it: {MailLinkOptions.DefaultPublicBaseUrl}/sign-in", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("EHC", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("EHC", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", mail.Body, StringComparison.Ordinal);

        var seen = await app.AsFamily(FamilyAddress).SendAsync(new GetMyRequestQuery(reference));
        Assert.Equal(new MyMessage(PortalApp.DefaultNow, FamilyTimeline.Team, Text), Assert.Single(seen.Messages));
    }

    [Fact]
    public async Task Pausing_for_clarification_and_asking_for_ID_email_the_family_a_link_to_sign_in()
    {
        await using var app = await PortalApp.StartAsync();
        var (pausedId, pausedReference, version) = await InProgressAsync(app);
        await app.AsCaseworker("STK").SendAsync(new PauseForClarificationCommand(pausedId, version, new DateOnly(2026, 3, 2), "Which school years are wanted?"));
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        await app.SendAsync(new RequestIdentityCommand(receipt.RequestId, detail.Version, "Sensitive records: check ID"));

        await using var db = app.Db();
        var pause = Assert.Single(await db.Outbox.AsNoTracking().Where(m => m.Kind == MailKinds.ClarificationRequested).ToListAsync());
        var identity = Assert.Single(await db.Outbox.AsNoTracking().Where(m => m.Kind == MailKinds.IdentityRequested).ToListAsync());
        Assert.Equal((FamilyAddress, pausedId), (pause.To, pause.RequestId));
        Assert.Equal((FamilyAddress, receipt.RequestId), (identity.To, identity.RequestId));
        Assert.Contains(pausedReference, pause.Body, StringComparison.Ordinal);
        Assert.Contains(receipt.Reference, identity.Body, StringComparison.Ordinal);
        Assert.All(new[] { pause, identity }, m =>
        {
            Assert.Contains($"{MailLinkOptions.DefaultPublicBaseUrl}/sign-in", m.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("school years", m.Body, StringComparison.OrdinalIgnoreCase); // the reason is read after signing in
            Assert.DoesNotContain("Sensitive", m.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Staff_of_another_organisation_cannot_message_the_family()
    {
        await using var app = await PortalApp.StartAsync();
        var (id, _, version) = await InProgressAsync(app);

        await Assert.ThrowsAsync<NotFoundException>(() => app.AsCaseworker("BAR").SendAsync(new SendMessageToFamilyCommand(id, version, "Hello")));

        Assert.Empty((await LoadAsync(app, id)).Messages);
        await using var db = app.Db();
        Assert.False(await db.Outbox.AnyAsync(m => m.Kind == MailKinds.MessageFromTeam));
    }
}
