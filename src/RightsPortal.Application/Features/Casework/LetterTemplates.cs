using System.Globalization;
using RightsPortal.Domain;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Organisations;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Features.Casework;

/// <summary>
/// The letters a case sends, written from what the case records: the response (its sections chosen by right, decision
/// and outcome, each holding what the law requires of that response) and the notices the law requires before it.
/// Every letter ends with how to complain (the organisation first, then the ICO) and follows the family's reasonable
/// adjustments (large print, easy read, through their advocate).
/// </summary>
internal static class LetterTemplates
{
    public const string ComplaintsHeading = "If you are unhappy";
    public const string RefusalHeading = "Why we have not done everything you asked";
    public const string EasyReadHeading = "This letter in short";
    public const string ExemptionsAreTheReasons = "We have not sent you everything, because of the exemptions explained above.";

    /// <summary>The response to a request whose response is drafted (it has an outcome and summary).</summary>
    public static ResponseLetter Response(RightsRequest r, Organisation o, DateOnly today)
    {
        if (r.Outcome is not { } outcome || r.ResponseSummary is null)
        {
            throw new DomainRuleException("Draft the response first: the letter is written from its outcome and summary.");
        }

        var sections = new List<LetterSection>
        {
            new("Your request", [$"You asked on {UkDates.Long(r.ReceivedOn)} to {r.Right.Describe().ToLowerInvariant()} about {r.SubjectName}. This letter is our response."], []),
            new("Our decision", [RightsRequest.OutcomeName(outcome) + ".", r.ResponseSummary], []),
        };

        // Paragraphs that explain a refusal (in whole or part), written by the template for this right and decision.
        var refusal = new List<string>();
        if (outcome == Outcome.NothingHeld)
        {
            sections.Add(NothingHeld(r));
        }
        else if (r.Right is Right.Access or Right.EducationalRecord)
        {
            sections.AddRange(Records(r));
            if (r.Disclosures.Any(d => d.Disposition != Disposition.Disclosed))
            {
                refusal.Add(ExemptionsAreTheReasons);
            }
            if (r.Right == Right.Access) sections.AddRange(AccessInformation(r, o));
        }
        else
        {
            sections.AddRange(DecisionSections(r, o, refusal));
        }

        if (outcome is Outcome.Refused or Outcome.PartlyComplied)
        {
            sections.Add(Refusal(r, refusal));
        }

        if (r.Right == Right.Access && outcome != Outcome.NothingHeld)
        {
            sections.Add(OtherRights());
        }

        return Letter(r, o, today, $"Your request {r.Reference}", ResponseInShort(r, outcome), sections);
    }

    /// <summary>A notice the law requires before the response; refused where the case gives it nothing to say.</summary>
    public static ResponseLetter Notice(NoticeKind kind, RightsRequest r, Organisation o, DateOnly today) => kind switch
    {
        NoticeKind.Extension => ExtensionNotice(r, o, today),
        NoticeKind.Fee => FeeNotice(r, o, today),
        NoticeKind.Transfer => TransferNotice(r, o, today),
        NoticeKind.IdentityRequest => IdentityNotice(r, o, today),
        _ => throw new DomainRuleException("There is no such notice."),
    };

    /// <summary>The exemption as the family reads it: what it is and why the law allows it (never the caseworker's reasons).</summary>
    public static string ExemptionInPlainEnglish(Exemption exemption) => exemption switch
    {
        Exemption.ThirdParty => "The records include information about other people. We can share it only with their agreement, or where it is reasonable to share it without.",
        Exemption.SeriousHarm => "Sharing this education, health or social work information would be likely to cause serious harm to someone's physical or mental health.",
        Exemption.ChildAbuseData => "This is information about child abuse. The law lets us withhold it from a parent where sharing it would not be in the child's best interests.",
        Exemption.LegalPrivilege => "This is legal advice, or was prepared for legal proceedings. The law lets us keep it confidential.",
        _ => DisclosureItem.ExemptionName(exemption) + ".",
    };

    private static ResponseLetter Letter(RightsRequest r, Organisation o, DateOnly today, string title, IReadOnlyList<string> inShort, List<LetterSection> sections)
    {
        sections.Add(new(ComplaintsHeading, [$"Please tell us first, and we will look at it again: {o.InformationGovernanceContact}.", o.ComplaintRoute], []));
        var easyRead = r.PreferredFormat == PreferredFormat.EasyRead;
        if (easyRead)
        {
            // Easy read: the letter opens with what it says in a few short, plain sentences.
            sections.Insert(0, new(EasyReadHeading, [.. inShort, $"Your reference is {r.Reference}.", "If you are not happy, tell us.", "You can also tell the ICO."], []));
        }

        var addressee = r.ContactRoute == ContactRoute.ThroughAdvocate ? $"{r.RequesterName}, care of their advocate" : r.RequesterName;
        return new ResponseLetter(o.Name, o.ServiceName, r.Reference, today, $"Dear {r.RequesterName}", title,
            r.PreferredFormat == PreferredFormat.LargePrint, sections, $"Information governance, {o.Name}", easyRead, addressee);
    }

    private static LetterSection NothingHeld(RightsRequest r)
    {
        var searched = r.SearchTasks.Select(t => t.ServiceName).Distinct(StringComparer.Ordinal).ToList();
        return new("What we found",
            [$"We have searched our records and we do not hold any information about {r.SubjectName} of the kind you asked about.",
             .. searched.Count > 0 ? ["We searched the records of:"] : Array.Empty<string>()],
            searched);
    }

    /// <summary>Access: the copy enclosed, each record redacted with its exemption, and that records were withheld and under which exemptions.</summary>
    private static IEnumerable<LetterSection> Records(RightsRequest r)
    {
        var items = r.Disclosures.OrderBy(d => d.Sequence).ToList();
        var given = items.Where(d => d.Disposition != Disposition.Withheld).ToList();
        if (given.Count > 0)
        {
            yield return new("A copy of the records", [$"A copy of the information we hold about {r.SubjectName} is enclosed with this letter. It contains:"],
                given.Select(d => d.Disposition == Disposition.Redacted ? $"{d.Description} (with some parts removed)" : d.Description).ToList());
        }

        var redacted = items.Where(d => d.Disposition == Disposition.Redacted && d.Exemption is not null).ToList();
        if (redacted.Count > 0)
        {
            yield return new("Parts we have removed",
                ["We have removed some parts of these records, because an exemption in the Data Protection Act 2018 applies to them:"],
                redacted.Select(d => $"{d.Description}: {DisclosureItem.ExemptionName(d.Exemption!.Value)}. {ExemptionInPlainEnglish(d.Exemption.Value)}").ToList());
        }

        // Withheld records are not described (the description can itself disclose what is withheld): the family is told
        // they exist and under which exemption each is withheld.
        var withheld = items.Where(d => d.Disposition == Disposition.Withheld && d.Exemption is not null)
            .GroupBy(d => d.Exemption!.Value).OrderBy(g => g.Key).ToList();
        if (withheld.Count > 0)
        {
            yield return new("Information we have not sent you",
                [$"We also hold information about {r.SubjectName} that we have not sent you, because an exemption in the Data Protection Act 2018 applies to it:"],
                withheld.Select(g => $"{Records(g.Count())} withheld: {DisclosureItem.ExemptionName(g.Key)}. {ExemptionInPlainEnglish(g.Key)}").ToList());
        }
    }

    private static string Records(int count) => count == 1 ? "One record" : count.ToString(CultureInfo.InvariantCulture) + " records";

    /// <summary>Article 15: categories, purposes, lawful basis, recipients, source, retention.</summary>
    private static IEnumerable<LetterSection> AccessInformation(RightsRequest r, Organisation o)
    {
        var categories = o.DataCategories.Where(c => r.DataCategories.Contains(c.Code)).OrderBy(c => c.Order).Select(c => $"{c.Name}: {c.Description}").ToList();
        yield return new("The records you asked about", ["You asked about these kinds of record:"], categories);
        yield return new("Why we hold this information", [], o.Purposes);
        yield return new("Our lawful basis", [], o.LawfulBases);
        yield return new("Who we share it with", [], o.SharingPartners);
        yield return new("Where it comes from",
            ["From the child or young person, parents and carers, schools and settings, other council teams and other professionals involved in their care and education, as our privacy notice explains."], []);
        var kept = o.RetentionRules.Where(rule => rule.CategoryCodes.Any(r.DataCategories.Contains)).OrderBy(rule => rule.RecordType, StringComparer.Ordinal)
            .Select(rule => $"{rule.RecordType}: kept for {rule.PeriodText} after the {ErasureCheck.TriggerName(rule.Trigger)}, then {ActionName(rule.Action)}.").ToList();
        yield return kept.Count > 0
            ? new("How long we keep it", ["Our records retention schedule sets how long we keep each kind of record:"], kept)
            : new("How long we keep it", ["We keep these records for as long as our records retention schedule sets for each kind of record, then destroy them securely. Ask us if you would like the periods that apply."], []);
    }

    private static string ActionName(RetentionAction action) => action switch
    {
        RetentionAction.Destroy => "destroyed securely",
        RetentionAction.Anonymise => "anonymised",
        _ => "reviewed, and destroyed securely unless they must be kept longer",
    };

    private static LetterSection OtherRights() => new("Your other rights",
        ["You can ask us to correct information that is wrong, to delete it or limit how we use it in some circumstances, and object to how we use it. You can also complain to the Information Commissioner's Office (ICO), as set out below."], []);

    /// <summary>Correct, erase, restrict, object, transfer: what was decided, and what the law requires the letter to say about it.</summary>
    private static IEnumerable<LetterSection> DecisionSections(RightsRequest r, Organisation o, List<string> refusal)
    {
        var reasons = r.DecisionReasons ?? "";
        switch (r.Decision)
        {
            case DecisionKind.Corrected:
                yield return new("What we have corrected", ["We have checked the records and corrected the information that was wrong.", reasons], []);
                yield return RecipientsTold(r, "correction");
                break;
            case DecisionKind.SupplementaryStatementAdded:
                yield return new("What we have added to the records",
                    [$"We have added a statement to the records about {r.SubjectName}, so that anyone who reads them also sees your view.", reasons], []);
                yield return RecipientsTold(r, "statement");
                break;
            case DecisionKind.RectificationRefused:
                refusal.AddRange(["We have checked the records and we believe they are accurate, so we have not changed them.", reasons,
                    "An opinion that is recorded as someone's opinion is not inaccurate because you disagree with it. You can ask us to add a short statement of your view to the records."]);
                break;
            case DecisionKind.Erased:
                yield return new("What we have deleted", ["We have deleted the information you asked us to delete.", reasons], []);
                yield return RecipientsTold(r, "deletion");
                break;
            case DecisionKind.ErasureRefused:
                yield return new("Why we must keep the records",
                    ["The law lets us keep information we need to meet a legal obligation or to carry out our public task (UK GDPR Article 17(3)). Our records retention schedule keeps the records you asked about:"],
                    (r.ErasureBlockedBy ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                refusal.AddRange(["We cannot delete these records until the date the retention schedule sets. You can ask again then.", reasons]);
                break;
            case DecisionKind.RestrictionPlaced:
                var from = r.RestrictionPlacedOn is { } placed ? $" from {UkDates.Long(placed)}" : "";
                var ground = r.RestrictionGround is { } g ? $", because {DecisionRules.Describe(g)}" : "";
                yield return new("What we have done", [$"We have restricted how we use the records about {r.SubjectName}{from}{ground}.", reasons], []);
                yield return new("What the restriction means",
                    ["While the restriction is in place we will only store the records. We will not use them in any other way unless you agree, or to make or defend a legal claim, to protect another person's rights, or for reasons of important public interest.",
                     "We will tell you before we lift the restriction."], []);
                break;
            case DecisionKind.ObjectionUpheld:
                yield return new("What we have done", [$"We have stopped using the information about {r.SubjectName} in the way you objected to.", reasons], []);
                break;
            case DecisionKind.ObjectionRefusedCompellingGrounds:
                refusal.AddRange([$"We have considered your objection. We will continue to use the information, because we have compelling legitimate grounds that override {r.SubjectName}'s interests, rights and freedoms:", reasons]);
                break;
            case DecisionKind.ObjectionNotApplicableLegalObligation:
                refusal.AddRange(["The right to object does not apply to this information, so we will continue to use it.", reasons]);
                break;
            case DecisionKind.PortabilityNotApplicable:
                yield return new("Asking for a copy instead",
                    [$"If you would like a copy of the records, tell us and we will treat your request as a subject access request. It is free, and we will respond within one month of hearing from you. Contact: {o.InformationGovernanceContact}."], []);
                refusal.Add(reasons);
                break;
            case DecisionKind.PortabilityProvided:
                yield return new("What we have sent",
                    ["The information is enclosed in a structured, commonly used, machine-readable format, so that you can give it to another organisation.", reasons], []);
                break;
        }
    }

    private static LetterSection RecipientsTold(RightsRequest r, string what) => new("Who we have told",
        [$"The law requires us to tell anyone we shared these records with about the {what}. Who we shared them with, and have told: {r.RecipientsTold}"], []);

    /// <summary>T8: the reasons, then the right to complain to the ICO and to a judicial remedy (once, whether or not the request is closed).</summary>
    private static LetterSection Refusal(RightsRequest r, IEnumerable<string> explained)
    {
        var sentWith = (r.RefusalReasons ?? "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var paragraphs = explained.Concat(sentWith)
            .Where(p => !string.IsNullOrWhiteSpace(p) && p != RefusalNotice.RightsText)
            .Distinct(StringComparer.Ordinal)
            .Append(RefusalNotice.RightsText)
            .ToList();
        return new(RefusalHeading, paragraphs, []);
    }

    /// <summary>Easy read: the outcome in a few short sentences.</summary>
    private static IReadOnlyList<string> ResponseInShort(RightsRequest r, Outcome outcome)
    {
        if (outcome == Outcome.NothingHeld) return ["We looked for records.", "We do not have any."];
        if (r.Right is Right.Access or Right.EducationalRecord)
        {
            return outcome switch
            {
                Outcome.Complied => ["We are sending you a copy of the records."],
                Outcome.PartlyComplied => ["We are sending you a copy of the records.", "We have kept some parts back.", "The law lets us do this."],
                _ => ["We cannot send you the records.", "The law lets us keep them back."],
            };
        }

        return r.Decision switch
        {
            DecisionKind.Corrected => ["We have corrected the records."],
            DecisionKind.SupplementaryStatementAdded => ["We have added your view to the records."],
            DecisionKind.RectificationRefused => ["We have not changed the records.", "We think they are right."],
            DecisionKind.Erased => ["We have deleted the records."],
            DecisionKind.ErasureRefused => ["We cannot delete the records yet.", "The law says we must keep them."],
            DecisionKind.RestrictionPlaced => ["We will only store the records.", "We will not use them.", "We will tell you before this changes."],
            DecisionKind.ObjectionUpheld => ["We have stopped using the records in the way you did not want."],
            DecisionKind.ObjectionRefusedCompellingGrounds => ["We will keep using the records.", "We have strong reasons to."],
            DecisionKind.ObjectionNotApplicableLegalObligation => ["We must keep using the records.", "The law says we must."],
            DecisionKind.PortabilityNotApplicable => ["We cannot send the records on in this way.", "We can send you a copy instead."],
            DecisionKind.PortabilityProvided => ["We have sent the records in a form a computer can read."],
            _ => [RightsRequest.OutcomeName(outcome) + "."],
        };
    }

    /// <summary>T5: the reason, the new legal limit, and that it is sent within the first month.</summary>
    private static ResponseLetter ExtensionNotice(RightsRequest r, Organisation o, DateOnly today)
    {
        if (!r.Extended || r.ExtensionReason is null)
        {
            throw new DomainRuleException("This request has not been extended, so there is no extension notice to send.");
        }

        var noticeBy = r.ExtensionNoticeBy ?? r.FirstMonthEnds;
        List<string> when = [$"We will respond by {UkDates.Long(r.DueOn)}. This is the new time limit the law sets for your request."];
        if (today <= noticeBy)
        {
            when.Add($"The law says we must tell you within the first month, by {UkDates.Long(noticeBy)}. This letter does that.");
        }

        List<LetterSection> sections =
        [
            new("We need more time", [
                $"We received your request about {r.SubjectName} on {UkDates.Long(r.ReceivedOn)}. The law gives us one month to respond, and lets us take up to two more months where a request is complex, or is one of a number of requests from the same person.",
                $"Why we need more time: {r.ExtensionReason}"], []),
            new("When you will hear from us", when, []),
        ];
        return Letter(r, o, today, $"More time to respond to your request {r.Reference}",
            ["We need more time to answer your request.", $"We will answer by {UkDates.Long(r.DueOn)}."], sections);
    }

    /// <summary>T9: the amount, its basis, and that nothing is done until it arrives, when the clock starts again.</summary>
    private static ResponseLetter FeeNotice(RightsRequest r, Organisation o, DateOnly today)
    {
        if (r.FeeBasis is not { } basis || r.FeeAmount is not { } amount)
        {
            throw new DomainRuleException("No fee has been asked for on this request, so there is no fee notice to send.");
        }

        var money = amount.ToString("£0.00", CultureInfo.InvariantCulture);
        List<LetterSection> sections =
        [
            new("The fee", [
                $"Requests like yours are normally free. The law allows us to charge a reasonable fee, based on our administrative costs, when {RightsRequest.FeeBasisName(basis)}.",
                $"The fee is {money}.",
                $"Why we are asking for it: {r.FeeReason}"], []),
            new("What happens next", [
                "We will not do any more on your request until the fee arrives.",
                "When it arrives, the one-month time limit for our response starts again from the day we receive it.",
                $"To pay, contact {o.InformationGovernanceContact}, quoting {r.Reference}."], []),
        ];
        return Letter(r, o, today, $"A fee for your request {r.Reference}",
            [$"We need you to pay a fee of {money}.", "We will start work when it arrives."], sections);
    }

    /// <summary>The audited transfer notice: who now has the request, their reference and when they must respond.</summary>
    private static ResponseLetter TransferNotice(RightsRequest r, Organisation o, DateOnly today)
    {
        if (r.TransferredToRequestId is null || r.TransferNotice is null)
        {
            throw new DomainRuleException("This request has not been transferred, so there is no transfer notice to send.");
        }

        List<LetterSection> sections =
        [
            new("Who has your request now", [r.TransferNotice], []),
            new("What happens next", [$"Please contact them about what we passed on, quoting their reference {r.TransferredToReference}."], []),
        ];
        return Letter(r, o, today, $"Your request {r.Reference} has been passed on",
            ["Another organisation has your request now.", "They will answer you."], sections);
    }

    /// <summary>What proof is needed and why, and that the clock starts when it arrives (T2).</summary>
    private static ResponseLetter IdentityNotice(RightsRequest r, Organisation o, DateOnly today)
    {
        if (r.IdentityNeeded != true || r.IdentityDecisionReason is null)
        {
            throw new DomainRuleException("Proof of identity was not asked for on this request, so there is no identity request to send.");
        }

        IReadOnlyList<string> proof = r.RequesterRole switch
        {
            RequesterRole.ParentCarer =>
            [
                "Proof of your identity, for example a passport or driving licence, or a recent council tax or utility bill with your name and address.",
                $"Evidence that you have parental responsibility for {r.SubjectName}, for example their birth certificate, a court order or an adoption order.",
            ],
            RequesterRole.Representative =>
            [
                "The family's signed authority for you to act for them on this request.",
                "Proof of your own identity, for example a passport, driving licence or professional identity card.",
            ],
            _ =>
            [
                "Proof of your identity, for example a passport, driving licence, or a letter from your school or college with your name and address.",
            ],
        };
        List<string> next =
        [
            "We will start work on your request when the proof arrives. The one-month time limit for our response runs from the day we receive it.",
            $"Please send copies, not originals, to {o.InformationGovernanceContact}, quoting {r.Reference}.",
        ];
        if (o.RetentionRules.FirstOrDefault(rule => rule.Trigger == RetentionTrigger.VerificationDecided) is { } kept)
        {
            next.Add($"We keep copies of identity documents for {kept.PeriodText} after we have checked them, then destroy them securely.");
        }

        List<LetterSection> sections =
        [
            new("Why we need proof", [
                r.IdentityDecisionReason,
                $"The records are about {r.SubjectName} and can include sensitive information. We must be sure we share them only with someone entitled to them, so we ask for proof only where it is reasonable and proportionate."], []),
            new("What to send", ["Please send us:"], proof),
            new("What happens next", next, []),
        ];
        return Letter(r, o, today, $"Proof we need for your request {r.Reference}",
            ["We need to check who you are.", "Please send us proof.", "We will start work when it arrives."], sections);
    }
}
