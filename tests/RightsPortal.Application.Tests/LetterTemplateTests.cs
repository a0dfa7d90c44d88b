using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Intake;
using RightsPortal.Application.Security;
using RightsPortal.Domain;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Tests;

/// <summary>
/// The response letter per right and outcome, and the notices before it, through the real pipeline. Requests are
/// received on Mon 2 Mar 2026 (PortalApp.DefaultNow) about Ada Testchild, born 27 Mar 2014.
/// </summary>
public sealed class LetterTemplateTests
{
    private const string StokeContact = "SENMAS Team, Children and Family Services";

    // ---------- Access ----------

    [Fact]
    public async Task An_access_letter_encloses_each_disclosed_record_with_the_article_15_information_and_no_refusal()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);
        await LetterCases.ChangeAsync(app, id, (r, ctx, _) =>
        {
            r.RecordDisclosure("EHC plan, final, March 2025", Disposition.Disclosed, null, null, ctx);
            r.RecordDisclosure("Annual review report, January 2026", Disposition.Disclosed, null, null, ctx);
        });
        await LetterCases.DraftAsync(app, id, Outcome.Complied, "Copies of all records enclosed");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        LetterCases.AssertEveryLetterHas(letter, "STK-2026-000001");
        var copy = LetterCases.Section(letter, "A copy of the records");
        Assert.Contains("enclosed", copy.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal(["EHC plan, final, March 2025", "Annual review report, January 2026"], copy.Bullets);
        Assert.Contains("Provide educational support for children and young people with special educational needs", LetterCases.Section(letter, "Why we hold this information").Bullets);
        Assert.Contains("Educational Psychology Service", LetterCases.Section(letter, "Who we share it with").Bullets);
        Assert.Contains("Legal obligation (for example the SEND Code of Practice)", LetterCases.Section(letter, "Our lawful basis").Bullets);
        Assert.Contains(LetterCases.Section(letter, "The records you asked about").Bullets, b => b.StartsWith("Contact details:", StringComparison.Ordinal));
        Assert.Contains("SEN file, EHC plan and reviews: kept for 31 years after the date of birth", LetterCases.Text(letter), StringComparison.Ordinal); // retention of a category asked about
        Assert.Contains(letter.Sections, s => s.Heading == "Where it comes from");
        Assert.Contains(letter.Sections, s => s.Heading == "Your other rights");
        Assert.DoesNotContain(letter.Sections, s => s.Heading == LetterTemplates.RefusalHeading);
        Assert.DoesNotContain(RefusalNotice.RightsText, LetterCases.Text(letter), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partly_complied_access_letter_names_the_exemption_for_each_redacted_and_withheld_record_but_never_the_internal_reasons()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);
        await LetterCases.ChangeAsync(app, id, (r, ctx, _) =>
        {
            r.RecordDisclosure("EHC plan, final, March 2025", Disposition.Disclosed, null, null, ctx);
            r.RecordDisclosure("Letter from the paediatrician, June 2025", Disposition.Redacted, Exemption.ThirdParty, "INTERNAL: names the sibling's diagnosis; no consent", ctx);
            r.RecordDisclosure("Strategy meeting minutes, May 2025", Disposition.Withheld, Exemption.ChildAbuseData, "INTERNAL: disclosure would not be in Ada's best interests", ctx);
            r.RecordDisclosure("Solicitor's advice on the tribunal appeal", Disposition.Withheld, Exemption.LegalPrivilege, "INTERNAL: privileged advice", ctx);
        });
        await LetterCases.DraftAsync(app, id, Outcome.PartlyComplied, "Most records enclosed; some parts removed");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));
        var text = LetterCases.Text(letter);

        LetterCases.AssertEveryLetterHas(letter, "STK-2026-000001");
        Assert.Contains("Letter from the paediatrician, June 2025 (with some parts removed)", LetterCases.Section(letter, "A copy of the records").Bullets);
        var redacted = Assert.Single(LetterCases.Section(letter, "Parts we have removed").Bullets);
        Assert.StartsWith("Letter from the paediatrician, June 2025: Information about other people.", redacted, StringComparison.Ordinal);
        var withheld = LetterCases.Section(letter, "Information we have not sent you").Bullets;
        Assert.Equal(2, withheld.Count);
        Assert.Contains(withheld, b => b.StartsWith("One record withheld: Child abuse data.", StringComparison.Ordinal));
        Assert.Contains(withheld, b => b.StartsWith("One record withheld: Legal professional privilege.", StringComparison.Ordinal));
        Assert.DoesNotContain("INTERNAL", text, StringComparison.Ordinal); // the reasons on file are never sent
        Assert.DoesNotContain("Strategy meeting minutes", text, StringComparison.Ordinal); // a withheld record is not described
        Assert.Equal([LetterTemplates.ExemptionsAreTheReasons, RefusalNotice.RightsText], LetterCases.Section(letter, LetterTemplates.RefusalHeading).Paragraphs);
    }

    [Fact]
    public async Task A_refused_access_letter_gives_the_reasons_sent_and_the_ico_and_court_text_once()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);
        await LetterCases.ChangeAsync(app, id, (r, ctx, _) =>
            r.RecordDisclosure("Police disclosure, April 2025", Disposition.Withheld, Exemption.SeriousHarm, "INTERNAL: risk assessment by the social worker", ctx));
        var drafted = await LetterCases.DraftAsync(app, id, Outcome.Refused, "Records withheld");
        await app.SendAsync(new CloseRequestCommand(id, drafted.Version, Outcome.Refused, new DateOnly(2026, 3, 2), "Sharing the record would be likely to cause serious harm."));

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));
        var text = LetterCases.Text(letter);

        LetterCases.AssertEveryLetterHas(letter, "STK-2026-000001");
        var refusal = LetterCases.Section(letter, LetterTemplates.RefusalHeading);
        Assert.Equal([LetterTemplates.ExemptionsAreTheReasons, "Sharing the record would be likely to cause serious harm.", RefusalNotice.RightsText], refusal.Paragraphs);
        Assert.Contains("judicial remedy", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split(RefusalNotice.RightsText).Length - 1);
        Assert.Contains("One record withheld: Serious harm.", Assert.Single(LetterCases.Section(letter, "Information we have not sent you").Bullets), StringComparison.Ordinal);
        Assert.DoesNotContain(letter.Sections, s => s.Heading == "A copy of the records"); // nothing is enclosed
    }

    [Fact]
    public async Task Nothing_held_says_no_records_are_held_where_we_searched_and_how_to_complain()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);
        var version = await LetterCases.VersionAsync(app, id);
        await app.SendAsync(new AskServiceToSearchCommand(id, version, "Educational Psychology Service", "Reports about Ada", new DateOnly(2026, 3, 20)));
        await LetterCases.DraftAsync(app, id, Outcome.NothingHeld, "No records found");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        LetterCases.AssertEveryLetterHas(letter, "STK-2026-000001");
        var found = LetterCases.Section(letter, "What we found");
        Assert.Contains("we do not hold any information about Ada Testchild", found.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal(["Educational Psychology Service"], found.Bullets);
        Assert.DoesNotContain(letter.Sections, s => s.Heading is "A copy of the records" or "Why we hold this information" or LetterTemplates.RefusalHeading);
    }

    // ---------- Rectification ----------

    [Fact]
    public async Task A_correction_letter_says_what_was_corrected_and_who_was_told()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.DecidedAsync(app, Right.Rectification, DecisionKind.Corrected, "The date of the annual review was wrong and now reads 12 January 2026.", "The school and the Educational Psychology Service");
        await LetterCases.DraftAsync(app, id, Outcome.Complied, "Corrected");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        LetterCases.AssertEveryLetterHas(letter, "STK-2026-000001");
        Assert.Contains("now reads 12 January 2026", string.Join(" ", LetterCases.Section(letter, "What we have corrected").Paragraphs), StringComparison.Ordinal);
        Assert.Contains("The school and the Educational Psychology Service", Assert.Single(LetterCases.Section(letter, "Who we have told").Paragraphs), StringComparison.Ordinal);
        Assert.DoesNotContain(letter.Sections, s => s.Heading == LetterTemplates.RefusalHeading);
    }

    [Fact]
    public async Task A_supplementary_statement_letter_says_the_statement_was_added_and_who_was_told()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.DecidedAsync(app, Right.Rectification, DecisionKind.SupplementaryStatementAdded, "The psychologist's opinion stands; your statement disputing it is now on file.", "Not shared with anyone");
        await LetterCases.DraftAsync(app, id, Outcome.Complied, "Statement added");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        var added = string.Join(" ", LetterCases.Section(letter, "What we have added to the records").Paragraphs);
        Assert.Contains("added a statement to the records about Ada Testchild", added, StringComparison.Ordinal);
        Assert.Contains("your statement disputing it is now on file", added, StringComparison.Ordinal);
        Assert.Contains("Not shared with anyone", LetterCases.Section(letter, "Who we have told").Paragraphs[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_correction_letter_gives_the_reasons_and_the_ico_and_court_text()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.DecidedAsync(app, Right.Rectification, DecisionKind.RectificationRefused, "The report records the teacher's opinion as her opinion.", null);
        await LetterCases.DraftAsync(app, id, Outcome.Refused, "Not corrected");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        LetterCases.AssertEveryLetterHas(letter, "STK-2026-000001");
        var refusal = LetterCases.Section(letter, LetterTemplates.RefusalHeading).Paragraphs;
        Assert.Contains("The report records the teacher's opinion as her opinion.", refusal);
        Assert.Equal(RefusalNotice.RightsText, refusal[^1]);
        Assert.DoesNotContain(letter.Sections, s => s.Heading == "Who we have told");
    }

    // ---------- Erasure ----------

    [Fact]
    public async Task An_erasure_letter_says_what_was_deleted_and_who_was_told()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.DecidedAsync(app, Right.Erasure, DecisionKind.Erased, "The duplicate contact record was deleted.", "Home to School Transport", categories: ["contact-details"]);
        await LetterCases.DraftAsync(app, id, Outcome.Complied, "Erased");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        LetterCases.AssertEveryLetterHas(letter, "STK-2026-000001");
        Assert.Contains("The duplicate contact record was deleted.", LetterCases.Section(letter, "What we have deleted").Paragraphs);
        var told = Assert.Single(LetterCases.Section(letter, "Who we have told").Paragraphs);
        Assert.Contains("deletion", told, StringComparison.Ordinal);
        Assert.Contains("Home to School Transport", told, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_erasure_refusal_names_the_retention_rule_and_the_date_it_ends_with_the_ico_and_court_text()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.DecidedAsync(app, Right.Erasure, DecisionKind.ErasureRefused, "We must keep the EHC plan while the retention period runs.", null, categories: ["ehc"]);
        await LetterCases.DraftAsync(app, id, Outcome.Refused, "Records kept");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        LetterCases.AssertEveryLetterHas(letter, "STK-2026-000001");
        var rule = Assert.Single(LetterCases.Section(letter, "Why we must keep the records").Bullets);
        Assert.StartsWith("SEN file, EHC plan and reviews: kept until Monday 27 March 2045", rule, StringComparison.Ordinal); // born 27 Mar 2014 + 31 years
        var refusal = LetterCases.Section(letter, LetterTemplates.RefusalHeading).Paragraphs;
        Assert.Contains("We must keep the EHC plan while the retention period runs.", refusal);
        Assert.Equal(RefusalNotice.RightsText, refusal[^1]);
    }

    // ---------- Restriction ----------

    [Fact]
    public async Task A_restriction_letter_states_the_ground_that_records_are_only_stored_and_that_the_family_is_told_before_it_is_lifted()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.DecidedAsync(app, Right.Restriction, DecisionKind.RestrictionPlaced, "We are checking the attendance figures you dispute.", null, ground: RestrictionGround.AccuracyContested);
        await LetterCases.DraftAsync(app, id, Outcome.Complied, "Restricted");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        LetterCases.AssertEveryLetterHas(letter, "STK-2026-000001");
        var done = LetterCases.Section(letter, "What we have done").Paragraphs[0];
        Assert.Contains("from Monday 2 March 2026", done, StringComparison.Ordinal);
        Assert.Contains(DecisionRules.Describe(RestrictionGround.AccuracyContested), done, StringComparison.Ordinal);
        var means = LetterCases.Section(letter, "What the restriction means").Paragraphs;
        Assert.Contains(means, p => p.StartsWith("While the restriction is in place we will only store the records.", StringComparison.Ordinal));
        Assert.Contains("We will tell you before we lift the restriction.", means);
    }

    // ---------- Objection ----------

    [Fact]
    public async Task An_upheld_objection_says_the_processing_has_stopped()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.DecidedAsync(app, Right.Objection, DecisionKind.ObjectionUpheld, "Ada's photograph is removed from the newsletter list.", null);
        await LetterCases.DraftAsync(app, id, Outcome.Complied, "Stopped");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        LetterCases.AssertEveryLetterHas(letter, "STK-2026-000001");
        Assert.Contains("We have stopped using the information about Ada Testchild in the way you objected to.", LetterCases.Section(letter, "What we have done").Paragraphs);
        Assert.DoesNotContain(letter.Sections, s => s.Heading == LetterTemplates.RefusalHeading);
    }

    [Fact]
    public async Task A_refused_objection_states_the_compelling_grounds_with_the_ico_and_court_text()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.DecidedAsync(app, Right.Objection, DecisionKind.ObjectionRefusedCompellingGrounds, "The records are needed to keep Ada safe under the child protection plan.", null);
        await LetterCases.DraftAsync(app, id, Outcome.Refused, "Continuing");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        var refusal = LetterCases.Section(letter, LetterTemplates.RefusalHeading).Paragraphs;
        Assert.Contains(refusal, p => p.Contains("compelling legitimate grounds", StringComparison.Ordinal));
        Assert.Contains("The records are needed to keep Ada safe under the child protection plan.", refusal);
        Assert.Equal(RefusalNotice.RightsText, refusal[^1]);
    }

    [Fact]
    public async Task An_objection_to_processing_under_legal_obligation_explains_that_the_right_does_not_apply()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.DecidedAsync(app, Right.Objection, DecisionKind.ObjectionNotApplicableLegalObligation, "", null);
        await LetterCases.DraftAsync(app, id, Outcome.Refused, "Does not apply");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        var refusal = LetterCases.Section(letter, LetterTemplates.RefusalHeading).Paragraphs;
        Assert.Contains(refusal, p => p.Contains(DecisionRules.LegalObligationObjectionText, StringComparison.Ordinal));
        Assert.Equal(RefusalNotice.RightsText, refusal[^1]);
    }

    // ---------- Portability ----------

    [Fact]
    public async Task A_portability_letter_explains_it_does_not_apply_and_offers_an_access_request()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.DecidedAsync(app, Right.Portability, DecisionKind.PortabilityNotApplicable, "", null);
        await LetterCases.DraftAsync(app, id, Outcome.Refused, "Offered access instead");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        LetterCases.AssertEveryLetterHas(letter, "STK-2026-000001");
        Assert.Contains(LetterCases.Section(letter, LetterTemplates.RefusalHeading).Paragraphs, p => p.Contains(DecisionRules.PortabilityText, StringComparison.Ordinal));
        var offer = Assert.Single(LetterCases.Section(letter, "Asking for a copy instead").Paragraphs);
        Assert.Contains("treat your request as a subject access request", offer, StringComparison.Ordinal);
        Assert.Contains(StokeContact, offer, StringComparison.Ordinal);
    }

    // ---------- Reasonable adjustments ----------

    [Fact]
    public async Task An_easy_read_letter_opens_with_short_plain_sentences_and_a_standard_letter_does_not()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.DecidedAsync(app, Right.Erasure, DecisionKind.ErasureRefused, "Kept by law.", null, categories: ["ehc"]);
        await LetterCases.DraftAsync(app, id, Outcome.Refused, "Records kept");
        var standard = await app.SendAsync(new GetResponseLetterQuery(id));
        await app.SendAsync(new RecordAdjustmentsCommand(id, await LetterCases.VersionAsync(app, id), PreferredFormat.EasyRead, ContactRoute.Post, null));

        var easy = await app.SendAsync(new GetResponseLetterQuery(id));

        Assert.False(standard.EasyRead);
        Assert.DoesNotContain(standard.Sections, s => s.Heading == LetterTemplates.EasyReadHeading);
        Assert.True(easy.EasyRead);
        Assert.False(easy.LargePrint);
        var intro = easy.Sections[0];
        Assert.Equal(LetterTemplates.EasyReadHeading, intro.Heading);
        Assert.Contains("We cannot delete the records yet.", intro.Paragraphs);
        Assert.Contains("Your reference is STK-2026-000001.", intro.Paragraphs);
        Assert.All(intro.Paragraphs, sentence =>
        {
            Assert.True(sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 12, $"Not short: {sentence}");
            Assert.Equal(1, sentence.Count(c => c is '.' or '?' or '!')); // one sentence a line
        });
        Assert.Equal(standard.Sections.Select(s => s.Heading), easy.Sections.Skip(1).Select(s => s.Heading)); // the rest of the letter is all there
    }

    [Fact]
    public async Task A_family_contacted_through_their_advocate_is_written_to_care_of_the_advocate_with_the_same_salutation_in_large_print()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);
        await app.SendAsync(new RecordAdjustmentsCommand(id, await LetterCases.VersionAsync(app, id), PreferredFormat.LargePrint, ContactRoute.ThroughAdvocate, "IPSEA advocate"));
        await app.SendAsync(new ExtendDeadlineCommand(id, await LetterCases.VersionAsync(app, id), "Records held by four services"));
        await LetterCases.ChangeAsync(app, id, (r, ctx, _) => r.RecordDisclosure("EHC plan", Disposition.Disclosed, null, null, ctx));
        await LetterCases.DraftAsync(app, id, Outcome.Complied, "Enclosed");

        var response = await app.SendAsync(new GetResponseLetterQuery(id));
        var notice = await app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.Extension));

        foreach (var letter in new[] { response, notice })
        {
            Assert.Equal("Pat Testparent, care of their advocate", letter.Addressee);
            Assert.Equal("Dear Pat Testparent", letter.Salutation);
            Assert.True(letter.LargePrint);
        }
    }

    [Fact]
    public async Task A_family_contacted_directly_is_written_to_by_name()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);
        await LetterCases.DraftAsync(app, id, Outcome.NothingHeld, "Nothing found");

        var letter = await app.SendAsync(new GetResponseLetterQuery(id));

        Assert.Equal("Pat Testparent", letter.Addressee);
    }

    // ---------- Notices ----------

    [Fact]
    public async Task An_extension_notice_gives_the_reason_the_new_legal_limit_and_that_it_is_sent_within_the_first_month()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(7)); // Mon 9 Mar 2026
        await app.SendAsync(new ExtendDeadlineCommand(id, await LetterCases.VersionAsync(app, id), "Records are held by four services and run to 900 pages."));

        var notice = await app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.Extension));

        LetterCases.AssertEveryLetterHas(notice, "STK-2026-000001", new DateOnly(2026, 3, 9));
        Assert.Contains("Why we need more time: Records are held by four services and run to 900 pages.", LetterCases.Section(notice, "We need more time").Paragraphs);
        var when = LetterCases.Section(notice, "When you will hear from us").Paragraphs;
        Assert.StartsWith("We will respond by Tuesday 2 June 2026.", when[0], StringComparison.Ordinal); // three months from Mon 2 Mar 2026
        Assert.Contains(when, p => p.Contains("within the first month, by Thursday 2 April 2026", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_that_was_not_extended_has_no_extension_notice()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.Extension)));

        Assert.Equal("This request has not been extended, so there is no extension notice to send.", refused.Message);
    }

    [Fact]
    public async Task A_fee_notice_states_the_amount_its_basis_and_that_the_clock_starts_again_when_it_arrives()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);
        await app.SendAsync(new RequestFeeCommand(id, await LetterCases.VersionAsync(app, id), FeeBasis.ManifestlyExcessive, 25.50m, "Fifth identical request this month; two hours of staff time at £12.75."));

        var notice = await app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.Fee));

        LetterCases.AssertEveryLetterHas(notice, "STK-2026-000001");
        var fee = LetterCases.Section(notice, "The fee").Paragraphs;
        Assert.Contains("The fee is £25.50.", fee);
        Assert.Contains(fee, p => p.EndsWith("when the request is manifestly excessive.", StringComparison.Ordinal));
        Assert.Contains(fee, p => p.Contains("two hours of staff time", StringComparison.Ordinal));
        var next = LetterCases.Section(notice, "What happens next").Paragraphs;
        Assert.Contains("We will not do any more on your request until the fee arrives.", next);
        Assert.Contains(next, p => p.Contains("starts again from the day we receive it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_without_a_fee_has_no_fee_notice()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.Fee)));

        Assert.Equal("No fee has been asked for on this request, so there is no fee notice to send.", refused.Message);
    }

    [Fact]
    public async Task A_transfer_notice_carries_the_notice_recorded_with_the_transfer_and_an_untransferred_request_has_none()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);
        var untransferred = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.Transfer)));
        await app.SendAsync(new TransferRequestCommand(id, await LetterCases.VersionAsync(app, id), app.OrganisationId("HHJ"), true, null, ["ehc"], "the SEN support records are the school's"));

        var notice = await app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.Transfer));

        Assert.Equal("This request has not been transferred, so there is no transfer notice to send.", untransferred.Message);
        LetterCases.AssertEveryLetterHas(notice, "STK-2026-000001");
        string recorded;
        await using (var db = app.Db())
        {
            recorded = (await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id)).TransferNotice!;
        }

        Assert.Equal([recorded], LetterCases.Section(notice, "Who has your request now").Paragraphs);
        Assert.Contains("HHJ-2026-000001", recorded, StringComparison.Ordinal);
        Assert.Contains("HHJ-2026-000001", LetterCases.Section(notice, "What happens next").Paragraphs[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identity_request_says_what_proof_is_needed_and_why_and_that_the_clock_starts_when_it_arrives()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest("STK"));
        app.AsCaseworker("STK");
        await app.SendAsync(new RequestIdentityCommand(receipt.RequestId, await LetterCases.VersionAsync(app, receipt.RequestId), "The email address does not match our records."));

        var notice = await app.SendAsync(new GetNoticeLetterQuery(receipt.RequestId, NoticeKind.IdentityRequest));

        LetterCases.AssertEveryLetterHas(notice, receipt.Reference);
        Assert.Contains("The email address does not match our records.", LetterCases.Section(notice, "Why we need proof").Paragraphs);
        var proof = LetterCases.Section(notice, "What to send").Bullets;
        Assert.Contains(proof, b => b.StartsWith("Proof of your identity", StringComparison.Ordinal));
        Assert.Contains(proof, b => b.StartsWith("Evidence that you have parental responsibility for Ada Testchild", StringComparison.Ordinal)); // a parent asks
        var next = LetterCases.Section(notice, "What happens next").Paragraphs;
        Assert.Contains(next, p => p.Contains("runs from the day we receive it", StringComparison.Ordinal));
        Assert.Contains("We keep copies of identity documents for 1 month after we have checked them, then destroy them securely.", next);
    }

    [Fact]
    public async Task A_request_that_went_ahead_without_ID_has_no_identity_request()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.IdentityRequest)));

        Assert.Equal("Proof of identity was not asked for on this request, so there is no identity request to send.", refused.Message);
    }

    // ---------- Who may see a letter ----------

    [Fact]
    public async Task Another_organisations_caseworker_gets_not_found_and_the_organisations_dpo_gets_the_letter()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);
        await app.SendAsync(new ExtendDeadlineCommand(id, await LetterCases.VersionAsync(app, id), "Complex"));
        await LetterCases.ChangeAsync(app, id, (r, ctx, _) => r.RecordDisclosure("EHC plan", Disposition.Disclosed, null, null, ctx));
        await LetterCases.DraftAsync(app, id, Outcome.Complied, "Enclosed");

        app.AsCaseworker("BAR");
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.Extension)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync(new GetResponseLetterQuery(id)));
        app.AsAdministrator();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.Extension)));
        app.AsPublic();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.Extension)));

        app.AsDpo("STK");
        Assert.Equal("STK-2026-000001", (await app.SendAsync(new GetNoticeLetterQuery(id, NoticeKind.Extension))).Reference);
        Assert.Equal("STK-2026-000001", (await app.SendAsync(new GetResponseLetterQuery(id))).Reference);
    }

    [Fact]
    public async Task A_notice_kind_that_does_not_exist_is_a_validation_error()
    {
        await using var app = await PortalApp.StartAsync();
        var id = await LetterCases.SubmitAccessAsync(app);

        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => app.SendAsync(new GetNoticeLetterQuery(id, (NoticeKind)99)));
    }

    [Theory]
    [InlineData("extension", NoticeKind.Extension)]
    [InlineData("Fee", NoticeKind.Fee)]
    [InlineData("identity-request", NoticeKind.IdentityRequest)]
    [InlineData("IdentityRequest", NoticeKind.IdentityRequest)]
    public void A_notice_is_named_in_its_address(string text, NoticeKind kind)
    {
        Assert.True(NoticeKinds.TryParse(text, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.True(NoticeKinds.TryParse(kind.Slug(), out var again));
        Assert.Equal(kind, again);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("99")]
    [InlineData("")]
    [InlineData("refusal")]
    public void Numbers_and_unknown_names_are_not_notices(string text) => Assert.False(NoticeKinds.TryParse(text, out _));
}

/// <summary>Cases set up for letters: through the real pipeline where a command exists, else through the domain with the organisation's clock.</summary>
internal static class LetterCases
{
    public static async Task<Guid> VersionAsync(PortalApp app, Guid id) => (await app.SendAsync(new GetRequestDetailQuery(id))).Version;

    /// <summary>A family's access request to STK, started without ID; the caseworker of STK is signed in.</summary>
    public static async Task<Guid> SubmitAccessAsync(PortalApp app, string code = "STK")
    {
        var receipt = await app.AsPublic().SendAsync(app.ValidAccessRequest(code));
        app.AsCaseworker(code);
        await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, await VersionAsync(app, receipt.RequestId), "Known family; details match"));
        return receipt.RequestId;
    }

    /// <summary>A request for another right, logged by STK's caseworker from a letter received today, started without ID, with its decision recorded.</summary>
    public static async Task<Guid> DecidedAsync(PortalApp app, Right right, DecisionKind kind, string reasons, string? recipientsTold,
        IReadOnlyList<string>? categories = null, RestrictionGround? ground = null)
    {
        var receipt = await app.AsCaseworker("STK").SendAsync(new LogRequestCommand(Guid.NewGuid(), right, Channel.Letter, new DateOnly(2026, 3, 2),
            RequesterRole.ParentCarer, "Pat Testparent", "pat.testparent@example.org", "Ada Testchild", new DateOnly(2014, 3, 27), "Example Primary School",
            categories ?? ["ehc", "attendance-exclusions"], "About the records from 2024"));
        await app.SendAsync(new ProceedWithoutIdentityCommand(receipt.RequestId, await VersionAsync(app, receipt.RequestId), "Known family; details match"));
        await ChangeAsync(app, receipt.RequestId, (r, ctx, retention) => r.Decide(kind, reasons, recipientsTold, retention, ground, ctx));
        return receipt.RequestId;
    }

    /// <summary>Applies a domain method to the case as the signed-in caseworker would, with the organisation's clock, and saves.</summary>
    public static async Task ChangeAsync(PortalApp app, Guid id, Action<RightsRequest, CaseContext, IReadOnlyCollection<RetentionRule>> change)
    {
        await using var db = app.Db();
        var request = await db.Requests.SingleAsync(r => r.Id == id);
        var retention = await db.RetentionRules.AsNoTracking().Where(r => r.OrganisationId == request.OrganisationId).ToListAsync();
        var (settings, calculator) = await app.Services.GetRequiredService<PortalClock>().ForOrganisationAsync(db, request.OrganisationId, CancellationToken.None);
        change(request, new CaseContext(app.Actor.UserId!, app.Clock.GetUtcNow(), app.Clock.UkToday(), calculator, settings), retention);
        await db.SaveChangesAsync();
    }

    public static async Task<CaseState> DraftAsync(PortalApp app, Guid id, Outcome outcome, string summary) =>
        await app.SendAsync(new DraftResponseCommand(id, await VersionAsync(app, id), outcome, summary));

    public static LetterSection Section(ResponseLetter letter, string heading) => Assert.Single(letter.Sections, s => s.Heading == heading);

    /// <summary>Everything the family reads, one line each.</summary>
    public static string Text(ResponseLetter letter) => string.Join("\n",
        new[] { letter.Addressee, letter.Title, letter.Salutation }.Concat(letter.Sections.SelectMany(s => s.Paragraphs.Concat(s.Bullets).Prepend(s.Heading))));

    /// <summary>Every letter: the reference, the date, and how to complain, to the organisation first and then the ICO.</summary>
    public static void AssertEveryLetterHas(ResponseLetter letter, string reference, DateOnly? date = null)
    {
        Assert.Equal(reference, letter.Reference);
        Assert.Contains(reference, letter.Title, StringComparison.Ordinal);
        Assert.Equal(date ?? new DateOnly(2026, 3, 2), letter.Date);
        Assert.Equal("Stoke-on-Trent City Council", letter.OrganisationName);
        var complaints = letter.Sections[^1];
        Assert.Equal(LetterTemplates.ComplaintsHeading, complaints.Heading);
        var us = complaints.Paragraphs.ToList().FindIndex(p => p.StartsWith("Please tell us first", StringComparison.Ordinal) && p.Contains("SENMAS Team", StringComparison.Ordinal));
        var ico = complaints.Paragraphs.ToList().FindIndex(p => p.Contains("Information Commissioner's Office", StringComparison.Ordinal));
        Assert.True(us >= 0 && ico > us, "The organisation is asked first, then the ICO.");
    }
}
