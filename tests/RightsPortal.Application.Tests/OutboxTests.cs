using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Admin;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Intake;
using RightsPortal.Application.Mail;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>
/// Issue 5, mail: a family email is written in the same save as the change that causes it, so it exists exactly when
/// the change does, and it carries the reference and dates but never the child's details.
/// </summary>
public sealed class OutboxTests
{
    private static async Task<List<OutboxMessage>> OutboxAsync(PortalApp app)
    {
        await using var db = app.Db();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync();
    }

    private static void AssertNoChildDetails(OutboxMessage message)
    {
        foreach (var text in new[] { message.Subject, message.Body })
        {
            Assert.DoesNotContain("Ada", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Testchild", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("2014", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Example Primary", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_public_submission_writes_one_acknowledgement_with_the_reference_and_the_date_they_will_hear_by()
    {
        await using var app = await PortalApp.StartAsync();

        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));

        var message = Assert.Single(await OutboxAsync(app));
        Assert.Equal(MailKinds.Acknowledgement, message.Kind);
        Assert.Equal("pat.testparent@example.org", message.To);
        Assert.Equal(receipt.RequestId, message.RequestId);
        Assert.Equal(app.OrganisationId("STK"), message.OrganisationId);
        Assert.Contains(receipt.Reference, message.Subject);
        Assert.Contains(receipt.Reference, message.Body);
        Assert.Contains("Monday 2 March 2026", message.Body); // received
        Assert.Contains("Thursday 2 April 2026", message.Body); // the date they will hear by
        Assert.Contains("http://localhost:5094/", message.Body);
        Assert.Contains("Stoke-on-Trent City Council", message.Body);
        Assert.Null(message.SentAt);
        Assert.Equal(PortalApp.DefaultNow, message.NextAttemptAt); // due at once
        Assert.Matches("^<[0-9a-f]{32}@rightsportal>$", message.MessageId);
        AssertNoChildDetails(message);
    }

    [Fact]
    public async Task A_repeated_post_of_the_same_form_does_not_write_a_second_acknowledgement()
    {
        await using var app = await PortalApp.StartAsync();
        var form = app.ValidAccessRequest("STK");

        await app.AsPublic().SendAsync(form);
        await app.AsPublic().SendAsync(form);

        Assert.Single(await OutboxAsync(app));
    }

    [Fact]
    public async Task A_logged_letter_writes_one_acknowledgement_with_its_true_received_date_and_due_date()
    {
        await using var app = await PortalApp.StartAsync();
        var form = app.ValidAccessRequest("STK");
        var receivedOn = new DateOnly(2026, 2, 27);

        var receipt = await app.AsCaseworker("STK").SendAsync(new LogRequestCommand(Guid.NewGuid(), Right.Access, Channel.Letter, receivedOn,
            form.RequesterRole, form.RequesterName, form.RequesterEmail, form.SubjectName, form.SubjectDateOfBirth, form.SubjectSetting,
            form.DataCategories, form.Details));

        var message = Assert.Single(await OutboxAsync(app));
        Assert.Equal(MailKinds.Acknowledgement, message.Kind);
        Assert.Equal(receipt.RequestId, message.RequestId);
        Assert.Contains(receipt.Reference, message.Body);
        Assert.Contains("Friday 27 February 2026", message.Body);
        Assert.Contains("Friday 27 March 2026", message.Body);
        AssertNoChildDetails(message);
    }

    [Fact]
    public async Task A_submission_refused_by_validation_writes_no_mail()
    {
        await using var app = await PortalApp.StartAsync();

        await Assert.ThrowsAsync<ValidationException>(() => app.AsPublic().SendAsync(app.ValidAccessRequest("STK") with { SubjectName = "" }));

        Assert.Empty(await OutboxAsync(app));
    }

    [Fact]
    public async Task When_the_request_cannot_be_saved_no_acknowledgement_is_left_behind()
    {
        await using var app = await PortalApp.StartAsync();
        await using (var db = app.Db())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_request BEFORE INSERT ON Requests BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
        }

        await Assert.ThrowsAnyAsync<Exception>(() => app.AsPublic().SendAsync(app.ValidAccessRequest("STK")));

        Assert.Empty(await OutboxAsync(app));
        await using var check = app.Db();
        Assert.Equal(0, await check.Requests.CountAsync());
    }

    [Fact]
    public async Task When_the_acknowledgement_cannot_be_saved_the_request_is_not_saved_either()
    {
        await using var app = await PortalApp.StartAsync();
        await using (var db = app.Db())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_mail BEFORE INSERT ON Outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
        }

        await Assert.ThrowsAnyAsync<Exception>(() => app.AsPublic().SendAsync(app.ValidAccessRequest("STK")));

        await using var check = app.Db();
        Assert.Equal(0, await check.Requests.CountAsync());
    }

    [Fact]
    public async Task An_extension_writes_a_notice_with_the_reason_and_the_new_date()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        var started = await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, detail.Version, "Details match"));
        app.Clock.Advance(TimeSpan.FromDays(3));

        var extended = await app.SendAsync(new ExtendDeadlineCommand(receipt.RequestId, started.Version, "Records are held by four services"));

        var messages = await OutboxAsync(app);
        Assert.Equal(2, messages.Count);
        var notice = Assert.Single(messages, m => m.Kind == MailKinds.ExtensionNotice);
        Assert.Equal("pat.testparent@example.org", notice.To);
        Assert.Equal(receipt.RequestId, notice.RequestId);
        Assert.Contains(receipt.Reference, notice.Subject);
        Assert.Contains("Records are held by four services", notice.Body);
        Assert.Equal(new DateOnly(2026, 6, 2), extended.DueOn);
        Assert.Contains("Tuesday 2 June 2026", notice.Body);
        Assert.Equal(app.Clock.GetUtcNow(), notice.CreatedAt);
        AssertNoChildDetails(notice);
    }

    [Fact]
    public async Task A_refused_extension_writes_no_notice()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        var started = await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, detail.Version, "Details match"));
        app.Clock.Advance(TimeSpan.FromDays(40)); // past the first month

        await Assert.ThrowsAsync<Domain.DomainRuleException>(() => app.SendAsync(new ExtendDeadlineCommand(receipt.RequestId, started.Version, "Complex")));

        Assert.DoesNotContain(await OutboxAsync(app), m => m.Kind == MailKinds.ExtensionNotice);
    }

    [Fact]
    public async Task When_the_extension_cannot_be_saved_no_notice_is_left_behind()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        var detail = await app.AsCaseworker("STK").SendAsync(new GetRequestDetailQuery(receipt.RequestId));
        var started = await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, detail.Version, "Details match"));
        await using (var db = app.Db())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_change BEFORE UPDATE ON Requests BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
        }

        await Assert.ThrowsAnyAsync<Exception>(() => app.SendAsync(new ExtendDeadlineCommand(receipt.RequestId, started.Version, "Complex")));

        Assert.DoesNotContain(await OutboxAsync(app), m => m.Kind == MailKinds.ExtensionNotice);
    }

    [Fact]
    public async Task The_sign_in_code_email_gives_the_code_and_when_it_stops_working()
    {
        var mail = MailTemplates.SignInCode("482913", new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero));

        Assert.DoesNotContain("482913", mail.Subject); // subjects show on lock screens and in notifications
        Assert.Contains("482913", mail.Body);
        Assert.Contains("15 minutes", mail.Body);
        Assert.Contains("10:15", mail.Body); // 09:15 UTC is 10:15 in British Summer Time
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_administrator_sees_counts_and_masked_recipients_but_never_the_words()
    {
        await using var app = await PortalApp.StartAsync();
        await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        await using (var db = app.Db())
        {
            var first = await db.Outbox.OrderBy(m => m.CreatedAt).FirstAsync();
            first.SentAt = app.Clock.GetUtcNow();
            var second = await db.Outbox.OrderBy(m => m.CreatedAt).Skip(1).FirstAsync();
            second.Attempts = 1;
            second.LastError = "SMTP 451";
            await db.SaveChangesAsync();
        }

        var overview = await app.AsAdministrator().SendAsync(new ListOutboxQuery());

        Assert.Equal(1, overview.Sent);
        Assert.Equal(1, overview.Waiting);
        Assert.Equal(1, overview.Failing);
        Assert.Equal(2, overview.Latest.Count);
        Assert.All(overview.Latest, r => Assert.Equal("p***@example.org", r.MaskedTo));
        Assert.All(overview.Latest, r => Assert.Equal("STK", r.Organisation));
        await Assert.ThrowsAsync<Security.ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new ListOutboxQuery()));
    }
}
