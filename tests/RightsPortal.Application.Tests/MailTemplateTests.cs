using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Families;
using RightsPortal.Application.Features.Settings;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Tests;

/// <summary>
/// Issue 5, templates per organisation: every family email is written in the organisation's own wording where it has
/// some and the portal's default otherwise; wording is checked (only each kind's placeholders, the required ones
/// present) and only an administrator or the organisation's own DPO may change it.
/// </summary>
public sealed class MailTemplateTests
{
    private const string Family = "pat.testparent@example.org";

    private static readonly string[] FamilyKinds =
    [
        MailKinds.Acknowledgement, MailKinds.ExtensionNotice, MailKinds.SignInCode,
        MailKinds.MessageFromTeam, MailKinds.ClarificationRequested, MailKinds.IdentityRequested,
    ];

    /// <summary>Wording that passes the rules, recognisable by its marker, using every placeholder the kind allows.</summary>
    private static SaveMailTemplateCommand Custom(Guid organisationId, string kind, string marker)
    {
        var definition = MailKindCatalogue.Get(kind);
        return new SaveMailTemplateCommand(organisationId, kind, $"{marker} subject",
            $"{marker} {kind}\n" + string.Join("\n", definition.Allowed.Select(p => $"{p[1..^1]}={p}")));
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(PortalApp app, string kind)
    {
        await using var db = app.Db();
        return await db.Outbox.AsNoTracking().Where(m => m.Kind == kind).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    /// <summary>A request at the organisation, started (no ID needed), with every family email it can cause written.</summary>
    private static async Task<(Guid Id, string Reference)> EveryFamilyEmailAsync(PortalApp app, string code)
    {
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest(code));
        app.AsCaseworker(code);
        var v = (await app.SendAsync(new GetRequestDetailQuery(receipt.RequestId))).Version;
        v = (await app.SendAsync(new RequestIdentityCommand(receipt.RequestId, v, "Sensitive records: check ID"))).Version;
        v = (await app.SendAsync(new RecordIdentityReceivedCommand(receipt.RequestId, v, app.Clock.UkToday()))).Version;
        v = (await app.SendAsync(new SendMessageToFamilyCommand(receipt.RequestId, v, "We have started."))).Version;
        v = (await app.SendAsync(new PauseForClarificationCommand(receipt.RequestId, v, app.Clock.UkToday(), "Which years?"))).Version;
        v = (await app.SendAsync(new RecordClarificationAnswerCommand(receipt.RequestId, v, app.Clock.UkToday()))).Version;
        await app.SendAsync(new ExtendDeadlineCommand(receipt.RequestId, v, "Records are held by four services"));
        return (receipt.RequestId, receipt.Reference);
    }

    [Fact]
    public async Task Every_family_email_uses_the_organisations_own_wording_and_never_another_organisations()
    {
        await using var app = await PortalApp.StartAsync();
        foreach (var kind in FamilyKinds)
        {
            await app.AsDpo("STK").SendAsync(Custom(app.OrganisationId("STK"), kind, "STK-OWN"));
            await app.AsDpo("HHJ").SendAsync(Custom(app.OrganisationId("HHJ"), kind, "HHJ-OWN"));
        }

        var stoke = await EveryFamilyEmailAsync(app, "STK");
        await app.AsPublic().SendAsync(new RequestSignInCodeCommand(Family)); // all of the address's requests are with Stoke

        foreach (var kind in FamilyKinds)
        {
            var mail = Assert.Single(await OutboxAsync(app, kind));
            Assert.Equal("STK-OWN subject", mail.Subject);
            Assert.StartsWith($"STK-OWN {kind}\n", mail.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("HHJ-OWN", mail.Body, StringComparison.Ordinal);
            Assert.Contains("organisation=Stoke-on-Trent City Council", mail.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("={", mail.Body, StringComparison.Ordinal); // every placeholder was filled
            if (kind != MailKinds.SignInCode)
            {
                Assert.Contains($"reference={stoke.Reference}", mail.Body, StringComparison.Ordinal);
                Assert.Contains("link=http://localhost:5094/", mail.Body, StringComparison.Ordinal);
                Assert.Equal(stoke.Id, mail.RequestId);
            }

            Assert.DoesNotContain("Ada", mail.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("2014", mail.Body, StringComparison.Ordinal);
        }

        var extension = Assert.Single(await OutboxAsync(app, MailKinds.ExtensionNotice));
        Assert.Contains("reason=Records are held by four services", extension.Body, StringComparison.Ordinal);
        Assert.Matches(@"code=\d{6}\n", Assert.Single(await OutboxAsync(app, MailKinds.SignInCode)).Body);
    }

    [Fact]
    public async Task Without_its_own_wording_an_organisation_gets_the_default_even_when_others_have_theirs()
    {
        await using var app = await PortalApp.StartAsync();
        foreach (var kind in FamilyKinds)
        {
            await app.AsDpo("STK").SendAsync(Custom(app.OrganisationId("STK"), kind, "STK-OWN"));
        }

        var barnet = await EveryFamilyEmailAsync(app, "BAR");

        foreach (var kind in FamilyKinds.Where(k => k != MailKinds.SignInCode))
        {
            var mail = Assert.Single(await OutboxAsync(app, kind));
            Assert.DoesNotContain("STK-OWN", mail.Body, StringComparison.Ordinal);
            Assert.Equal(MailKindCatalogue.Get(kind).Default.Subject.Replace("{reference}", barnet.Reference, StringComparison.Ordinal), mail.Subject);
            Assert.EndsWith("London Borough of Barnet", mail.Body.TrimEnd(), StringComparison.Ordinal);
        }

        var ack = Assert.Single(await OutboxAsync(app, MailKinds.Acknowledgement));
        Assert.Contains("We have received your request. Your reference is " + barnet.Reference, ack.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_code_uses_the_organisations_wording_only_when_all_the_addresses_requests_are_with_it()
    {
        await using var app = await PortalApp.StartAsync();
        await app.AsDpo("STK").SendAsync(Custom(app.OrganisationId("STK"), MailKinds.SignInCode, "STK-OWN"));
        await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        await app.AsPublic().SendAsync(app.ValidAccessRequest("BAR"));

        await app.AsPublic().SendAsync(new RequestSignInCodeCommand(Family));

        var mail = Assert.Single(await OutboxAsync(app, MailKinds.SignInCode));
        Assert.Equal("Your RightsPortal sign-in code", mail.Subject);
        Assert.DoesNotContain("STK-OWN", mail.Body, StringComparison.Ordinal);
        Assert.Matches(@"Your sign-in code is: \d{6}", mail.Body);
        Assert.EndsWith("RightsPortal", mail.Body.TrimEnd(), StringComparison.Ordinal);
        Assert.Null(mail.OrganisationId);
    }

    [Fact]
    public async Task Going_back_to_the_default_wording_uses_the_default_for_the_next_email()
    {
        await using var app = await PortalApp.StartAsync();
        var stoke = app.OrganisationId("STK");
        await app.AsDpo("STK").SendAsync(Custom(stoke, MailKinds.Acknowledgement, "STK-OWN"));

        var removed = await app.SendAsync(new ResetMailTemplateCommand(stoke, MailKinds.Acknowledgement));
        var again = await app.SendAsync(new ResetMailTemplateCommand(stoke, MailKinds.Acknowledgement));
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));

        Assert.True(removed);
        Assert.False(again);
        var ack = Assert.Single(await OutboxAsync(app, MailKinds.Acknowledgement));
        Assert.Equal($"We have received your request ({receipt.Reference})", ack.Subject);
        await using var db = app.Db();
        Assert.False(await db.MailTemplates.AnyAsync());
    }

    [Theory]
    [InlineData(MailKinds.Acknowledgement, "Hello {childname}, {reference} {due-on} {link}", "\"{childname}\" is not allowed in this email")]
    [InlineData(MailKinds.Acknowledgement, "Hello {child name}, {reference} {due-on} {link}", "\"{child name}\" is not allowed in this email")]
    [InlineData(MailKinds.MessageFromTeam, "There is a message about {reference}, due {due-on}: {link}", "\"{due-on}\" is not allowed in this email")]
    [InlineData(MailKinds.SignInCode, "Your code is ready. {organisation}", "Include {code}")]
    [InlineData(MailKinds.Acknowledgement, "We have {reference}; hear by {due-on}.", "Include {link}")]
    [InlineData(MailKinds.ExtensionNotice, "{reference} now due {due-on}: {link}", "Include {reason}")]
    [InlineData(MailKinds.DeadlineReminder, "{what} {link}", "Include {due-on}")]
    [InlineData(MailKinds.Acknowledgement, "", "Write the message.")]
    public async Task Wording_with_an_unknown_placeholder_or_without_a_required_one_is_refused(string kind, string body, string expected)
    {
        await using var app = await PortalApp.StartAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.AsDpo("STK").SendAsync(new SaveMailTemplateCommand(app.OrganisationId("STK"), kind, "About {reference}", body)));

        Assert.Contains(refused.Errors, e => e.ErrorMessage.Contains(expected, StringComparison.Ordinal));
        await using var db = app.Db();
        Assert.False(await db.MailTemplates.AnyAsync());
    }

    [Theory]
    [InlineData("", "Write a subject.")]
    [InlineData("Line one\nLine two {reference}", "The subject must be one line.")]
    [InlineData("{nhs-number} {reference}", "\"{nhs-number}\" is not allowed in this email")]
    public async Task A_subject_must_be_one_short_line_with_allowed_placeholders(string subject, string expected)
    {
        await using var app = await PortalApp.StartAsync();
        var body = "We have {reference}; hear by {due-on}. {link}";

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.AsDpo("STK").SendAsync(new SaveMailTemplateCommand(app.OrganisationId("STK"), MailKinds.Acknowledgement, subject, body)));

        var error = Assert.Single(refused.Errors, e => e.ErrorMessage.Contains(expected, StringComparison.Ordinal));
        Assert.Equal("Subject", error.PropertyName);
    }

    [Fact]
    public async Task A_subject_over_150_characters_is_refused()
    {
        await using var app = await PortalApp.StartAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.AsDpo("STK").SendAsync(new SaveMailTemplateCommand(
            app.OrganisationId("STK"), MailKinds.Acknowledgement, "About {reference} " + new string('x', 140), "We have {reference}; hear by {due-on}. {link}")));

        Assert.Contains(refused.Errors, e => e.ErrorMessage.StartsWith("The subject must be 150 characters or fewer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_kind_of_email_is_refused()
    {
        await using var app = await PortalApp.StartAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.AsDpo("STK").SendAsync(new SaveMailTemplateCommand(app.OrganisationId("STK"), "child-record-extract", "Subject", "Body")));

        Assert.Contains(refused.Errors, e => e.ErrorMessage == "Choose a kind of email from the list.");
    }

    [Fact]
    public async Task A_dpo_cannot_see_or_change_another_organisations_wording()
    {
        await using var app = await PortalApp.StartAsync();
        var barnet = app.OrganisationId("BAR");
        app.AsDpo("STK");

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(Custom(barnet, MailKinds.Acknowledgement, "STK-OWN")));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new ResetMailTemplateCommand(barnet, MailKinds.Acknowledgement)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetMailTemplatesQuery(barnet)));
        var own = await app.SendAsync(new GetMailTemplatesQuery());

        Assert.Equal(app.OrganisationId("STK"), Assert.Single(own.Organisations).Id);
        await using var db = app.Db();
        Assert.False(await db.MailTemplates.AnyAsync());
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Outcome == "Refused" && e.ActorId == "dpo-STK"));
    }

    [Fact]
    public async Task A_caseworker_cannot_change_wording()
    {
        await using var app = await PortalApp.StartAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(Custom(app.OrganisationId("STK"), MailKinds.Acknowledgement, "X")));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetMailTemplatesQuery()));
    }

    [Fact]
    public async Task An_administrator_changes_any_organisations_wording_and_the_change_is_audited_against_it()
    {
        await using var app = await PortalApp.StartAsync();
        var barnet = app.OrganisationId("BAR");
        app.AsAdministrator();

        var saved = await app.SendAsync(Custom(barnet, MailKinds.Acknowledgement, "BAR-OWN"));
        var view = await app.SendAsync(new GetMailTemplatesQuery(barnet));

        Assert.Equal(barnet, saved.OrganisationId);
        Assert.Equal(3, view.Organisations.Count);
        Assert.Equal("BAR", view.Organisation.Code);
        var ack = Assert.Single(view.Templates, t => t.Kind == MailKinds.Acknowledgement);
        Assert.True(ack.Customised);
        Assert.True(ack.InUse);
        Assert.Equal("BAR-OWN subject", ack.Subject);
        Assert.Equal(PortalApp.DefaultNow, ack.UpdatedAt);
        Assert.All(view.Templates.Where(t => t.Kind != MailKinds.Acknowledgement), t => Assert.False(t.Customised));
        Assert.Equal(MailKindCatalogue.All.Count, view.Templates.Count);
        Assert.Contains(ack.Placeholders, p => p.Placeholder == "{link}" && p.Required);
        await using var db = app.Db();
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == nameof(SaveMailTemplateCommand));
        Assert.Equal("Succeeded", audit.Outcome);
        Assert.Equal(barnet, audit.OrganisationId);
        Assert.Equal("admin", audit.ActorId);
        Assert.Equal("admin", (await db.MailTemplates.SingleAsync()).UpdatedBy);
    }

    [Fact]
    public async Task Saving_twice_keeps_one_row_with_the_latest_wording()
    {
        await using var app = await PortalApp.StartAsync();
        var stoke = app.OrganisationId("STK");
        app.AsDpo("STK");

        await app.SendAsync(Custom(stoke, MailKinds.Acknowledgement, "FIRST"));
        await app.SendAsync(Custom(stoke, MailKinds.Acknowledgement, "SECOND"));

        await using var db = app.Db();
        Assert.Equal("SECOND subject", (await db.MailTemplates.SingleAsync()).Subject);
    }

    [Fact]
    public async Task Wording_stored_outside_the_portal_that_breaks_the_rules_is_not_used()
    {
        await using var app = await PortalApp.StartAsync();
        await using (var db = app.Db())
        {
            db.MailTemplates.Add(new MailTemplate
            {
                Id = Guid.NewGuid(), OrganisationId = app.OrganisationId("STK"), Kind = MailKinds.Acknowledgement,
                Subject = "Hi", Body = "No link and no reference here", UpdatedAt = PortalApp.DefaultNow, UpdatedBy = "someone",
            });
            await db.SaveChangesAsync();
        }

        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        var view = await app.AsDpo("STK").SendAsync(new GetMailTemplatesQuery());

        Assert.Equal($"We have received your request ({receipt.Reference})", Assert.Single(await OutboxAsync(app, MailKinds.Acknowledgement)).Subject);
        var ack = Assert.Single(view.Templates, t => t.Kind == MailKinds.Acknowledgement);
        Assert.True(ack.Customised);
        Assert.False(ack.InUse);
    }

    [Fact]
    public void Every_default_wording_passes_its_own_rules_and_every_kind_has_one()
    {
        Assert.All(MailKindCatalogue.All, d => Assert.Empty(MailTemplateRules.Check(d.Kind, d.Default.Subject, d.Default.Body)));
        Assert.All(FamilyKinds.Concat(MailKinds.Staff), k => Assert.NotNull(MailKindCatalogue.Find(k)));
        Assert.All(MailKindCatalogue.All.Where(d => d.Kind != MailKinds.SignInCode), d => Assert.Contains("{link}", d.Required));
        Assert.DoesNotContain("{link}", MailKindCatalogue.Get(MailKinds.SignInCode).Allowed); // deliberately no link to click
        Assert.All(MailKinds.Staff, k => Assert.Equal(["{reference}", "{due-on}", "{link}"], MailKindCatalogue.Get(k).Required));
    }

    [Fact]
    public void Values_are_filled_once_as_plain_text_and_only_for_the_kinds_placeholders()
    {
        var kind = MailKindCatalogue.Get(MailKinds.ExtensionNotice);
        var template = new MailContent("Subject {reason}", "Why: {reason}\nCode: {code}\nRef: {reference}");

        var mail = MailTemplateRenderer.Render(kind, template, new Dictionary<string, string>
        {
            ["{reason}"] = "We need {code} and <b>more</b> time\r\nBcc: someone@example.org",
            ["{code}"] = "123456",
            ["{reference}"] = "STK-2026-000001",
        });

        Assert.Equal("Why: We need {code} and <b>more</b> time\r\nBcc: someone@example.org\nCode: {code}\nRef: STK-2026-000001", mail.Body);
        Assert.Equal("Subject We need {code} and <b>more</b> time Bcc: someone@example.org", mail.Subject); // one line: no header from a value
    }
}
