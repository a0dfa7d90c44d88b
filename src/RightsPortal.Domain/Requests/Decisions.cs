using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Domain.Requests;

/// <summary>What happens to one record found for an access request.</summary>
public enum Disposition
{
    Disclosed,
    Redacted,
    Withheld,
}

/// <summary>The exemptions applied per document or passage to SEND and safeguarding records.</summary>
public enum Exemption
{
    /// <summary>Information about someone else, disclosed only with their consent or where reasonable.</summary>
    ThirdParty,

    /// <summary>Education, health or social-work data likely to cause serious harm to someone's physical or mental health.</summary>
    SeriousHarm,

    /// <summary>Child-abuse data, withheld from a person with parental responsibility where not in the child's best interests.</summary>
    ChildAbuseData,

    /// <summary>Legal professional privilege.</summary>
    LegalPrivilege,
}

/// <summary>One record (or group of records) found for an access request, and what is done with it.</summary>
public sealed class DisclosureItem
{
    private DisclosureItem()
    {
        // For the database mapper.
        Description = "";
    }

    internal DisclosureItem(int sequence, string description, Disposition disposition, Exemption? exemption, string? reason, DateOnly recordedOn)
    {
        Id = Guid.NewGuid();
        Sequence = sequence;
        Description = description;
        Disposition = disposition;
        Exemption = exemption;
        Reason = reason;
        RecordedOn = recordedOn;
    }

    public Guid Id { get; private set; }

    /// <summary>Order on the list (several are listed the same day).</summary>
    public int Sequence { get; private set; }
    public string Description { get; private set; }
    public Disposition Disposition { get; private set; }
    public Exemption? Exemption { get; private set; }
    public string? Reason { get; private set; }
    public DateOnly RecordedOn { get; private set; }

    public static string ExemptionName(Exemption exemption) => exemption switch
    {
        Requests.Exemption.ThirdParty => "Information about other people",
        Requests.Exemption.SeriousHarm => "Serious harm",
        Requests.Exemption.ChildAbuseData => "Child abuse data",
        Requests.Exemption.LegalPrivilege => "Legal professional privilege",
        _ => exemption.ToString(),
    };
}

/// <summary>The decision on a request to correct, erase, restrict, object or transfer.</summary>
public enum DecisionKind
{
    Corrected,
    SupplementaryStatementAdded,
    RectificationRefused,
    Erased,
    ErasureRefused,
    RestrictionPlaced,
    ObjectionUpheld,
    ObjectionRefusedCompellingGrounds,
    ObjectionNotApplicableLegalObligation,
    PortabilityNotApplicable,
    PortabilityProvided,
}

/// <summary>Why processing is restricted (Art 18).</summary>
public enum RestrictionGround
{
    AccuracyContested,
    UnlawfulButErasureOpposed,
    NeededForLegalClaims,
    ObjectionPending,
}

public static class DecisionRules
{
    /// <summary>Rights whose response rests on a recorded decision (access rests on its list of records).</summary>
    public static bool HasDecision(Right right) => right is Right.Access or Right.EducationalRecord or Right.Rectification
        or Right.Erasure or Right.Restriction or Right.Objection or Right.Portability;

    public static IReadOnlyList<DecisionKind> KindsFor(Right right) => right switch
    {
        Right.Rectification => [DecisionKind.Corrected, DecisionKind.SupplementaryStatementAdded, DecisionKind.RectificationRefused],
        Right.Erasure => [DecisionKind.Erased, DecisionKind.ErasureRefused],
        Right.Restriction => [DecisionKind.RestrictionPlaced],
        Right.Objection => [DecisionKind.ObjectionUpheld, DecisionKind.ObjectionRefusedCompellingGrounds, DecisionKind.ObjectionNotApplicableLegalObligation],
        Right.Portability => [DecisionKind.PortabilityNotApplicable, DecisionKind.PortabilityProvided],
        _ => [],
    };

    /// <summary>The outcomes a decision can lead to: a refusal is never sent as "complied", nor the other way round.</summary>
    public static IReadOnlyList<Outcome> OutcomesFor(DecisionKind kind) => kind switch
    {
        DecisionKind.Corrected or DecisionKind.SupplementaryStatementAdded => [Outcome.Complied, Outcome.PartlyComplied],
        DecisionKind.Erased => [Outcome.Complied, Outcome.PartlyComplied],
        DecisionKind.RestrictionPlaced or DecisionKind.ObjectionUpheld or DecisionKind.PortabilityProvided => [Outcome.Complied],
        _ => [Outcome.Refused],
    };

    public static string Describe(DecisionKind kind) => kind switch
    {
        DecisionKind.Corrected => "Corrected",
        DecisionKind.SupplementaryStatementAdded => "Supplementary statement added",
        DecisionKind.RectificationRefused => "Correction refused",
        DecisionKind.Erased => "Erased",
        DecisionKind.ErasureRefused => "Erasure refused: the records must be kept",
        DecisionKind.RestrictionPlaced => "Restriction placed",
        DecisionKind.ObjectionUpheld => "Objection upheld: processing stops",
        DecisionKind.ObjectionRefusedCompellingGrounds => "Objection refused: compelling legitimate grounds",
        DecisionKind.ObjectionNotApplicableLegalObligation => "Objection does not apply: legal obligation",
        DecisionKind.PortabilityNotApplicable => "Portability does not apply: access offered instead",
        DecisionKind.PortabilityProvided => "Data provided in a machine-readable format",
        _ => kind.ToString(),
    };

    public static string Describe(RestrictionGround ground) => ground switch
    {
        RestrictionGround.AccuracyContested => "the accuracy of the records is contested, while it is checked",
        RestrictionGround.UnlawfulButErasureOpposed => "the processing is unlawful but the person asked for restriction rather than erasure",
        RestrictionGround.NeededForLegalClaims => "the person needs the records for a legal claim",
        RestrictionGround.ObjectionPending => "an objection is being considered",
        _ => ground.ToString(),
    };

    public const string LegalObligationObjectionText =
        "The right to object does not apply where we process information because the law requires us to (legal obligation), " +
        "for example to assess needs and maintain an EHC plan under the Children and Families Act 2014.";

    public const string PortabilityText =
        "The right to data portability applies only to information processed by consent or under a contract, by automated means. " +
        "We hold these records because the law requires us to or to carry out our public task, so it does not apply. " +
        "You can instead ask for a copy of the records as a subject access request, and we have offered to treat your request that way.";
}

public sealed partial class RightsRequest
{
    private List<DisclosureItem> disclosures = [];

    /// <summary>Access: every record found, disclosed, redacted or withheld with its exemption.</summary>
    public IReadOnlyList<DisclosureItem> Disclosures => disclosures;

    public DecisionKind? Decision { get; private set; }
    public string? DecisionReasons { get; private set; }

    /// <summary>Who the records were shared with and have been (or will be) told of a correction or erasure.</summary>
    public string? RecipientsTold { get; private set; }

    /// <summary>Erasure refused: the rules and dates that keep the records, as the letter states them.</summary>
    public string? ErasureBlockedBy { get; private set; }

    public RestrictionGround? RestrictionGround { get; private set; }
    public DateOnly? RestrictionPlacedOn { get; private set; }
    public DateOnly? RestrictionLiftNoticeOn { get; private set; }
    public DateOnly? RestrictionLiftedOn { get; private set; }

    /// <summary>Portability did not apply and the family was offered an access request instead.</summary>
    public bool AccessOffered { get; private set; }

    /// <summary>Add a record found for an access request: disclosed, or redacted/withheld under a named exemption with reasons.</summary>
    public DisclosureItem RecordDisclosure(string description, Disposition disposition, Exemption? exemption, string? reason, CaseContext ctx)
    {
        if (Right is not (Right.Access or Right.EducationalRecord)) throw new DomainRuleException("Only requests to see records have a list of records disclosed or withheld.");
        Require(CaseAction.RecordDecision, "Records can be listed while the request is being worked on.");
        var what = Reason(description, "Describe the record, for example \"EHC plan, final, March 2025\".");
        string? why = null;
        if (disposition == Disposition.Disclosed)
        {
            if (exemption is not null) throw new DomainRuleException("A record disclosed in full has no exemption: choose redacted or withheld to apply one.");
        }
        else
        {
            if (exemption is null) throw new DomainRuleException("Choose the exemption that allows this record to be redacted or withheld.");
            why = Reason(reason, "Give the reasons the exemption applies to this record: they are kept on file and may be reviewed by the ICO.");
            if (exemption == Exemption.ChildAbuseData && RequesterRole != RequesterRole.ParentCarer)
            {
                throw new DomainRuleException("The child-abuse data exemption only applies when someone with parental responsibility is asking.");
            }
        }

        var item = new DisclosureItem(disclosures.Count == 0 ? 1 : disclosures.Max(d => d.Sequence) + 1, what, disposition, exemption, why, ctx.Today);
        disclosures.Add(item);
        Record(ctx, "Record listed", disposition == Disposition.Disclosed
            ? $"{what}: disclosed."
            : $"{what}: {disposition.ToString().ToLowerInvariant()} ({DisclosureItem.ExemptionName(exemption!.Value)}). {why}");
        return item;
    }

    /// <summary>Take a record off the list (listed by mistake); the timeline keeps that it was listed and removed.</summary>
    public void RemoveDisclosure(Guid itemId, CaseContext ctx)
    {
        Require(CaseAction.RecordDecision, "The list of records can be changed while the request is being worked on.");
        var item = disclosures.SingleOrDefault(d => d.Id == itemId) ?? throw new DomainRuleException("That record is not on the list.");
        disclosures.Remove(item);
        Record(ctx, "Record removed from list", item.Description);
    }

    /// <summary>Record the decision on a request to correct, erase, restrict, object or transfer, with reasons.</summary>
    /// <param name="leapDayToFirstMarch">The organisation's choice for a 29 February birthday: its periods end on 1 March rather than 28 February.</param>
    public void Decide(DecisionKind kind, string reasons, string? recipientsTold, IReadOnlyCollection<RetentionRule> retention, RestrictionGround? ground, CaseContext ctx, bool leapDayToFirstMarch = false)
    {
        if (!DecisionRules.KindsFor(Right).Contains(kind))
        {
            throw new DomainRuleException($"\"{DecisionRules.Describe(kind)}\" is not a decision on a request to {Right.Describe().ToLowerInvariant()}.");
        }

        Require(CaseAction.RecordDecision, "A decision can be recorded while the request is being worked on.");
        var why = kind switch
        {
            DecisionKind.ObjectionRefusedCompellingGrounds => Reason(reasons, "State the compelling legitimate grounds that override the person's interests, rights and freedoms."),
            DecisionKind.ObjectionNotApplicableLegalObligation => (string.IsNullOrWhiteSpace(reasons) ? "" : reasons.Trim() + " ") + DecisionRules.LegalObligationObjectionText,
            DecisionKind.PortabilityNotApplicable => (string.IsNullOrWhiteSpace(reasons) ? "" : reasons.Trim() + " ") + DecisionRules.PortabilityText,
            DecisionKind.RectificationRefused => Reason(reasons, "Say why the records are accurate (an opinion recorded as an opinion is not inaccurate)."),
            _ => Reason(reasons, "Give the reasons for the decision: the family will read them."),
        };

        string? told = null;
        if (kind is DecisionKind.Corrected or DecisionKind.SupplementaryStatementAdded or DecisionKind.Erased)
        {
            told = Reason(recipientsTold, "List who the records were shared with and have been told (or say they were not shared with anyone).");
        }

        string? blockedBy = null;
        if (Right == Right.Erasure)
        {
            var blocks = ErasureCheck.Blocks(retention, dataCategories, SubjectDateOfBirth, ctx.Today, leapDayToFirstMarch);
            if (kind == DecisionKind.Erased && blocks.Count > 0)
            {
                throw new DomainRuleException("The retention schedule keeps these records, so they cannot be erased: " + string.Join(" ", blocks.Select(b => b.Explanation)));
            }

            if (kind == DecisionKind.ErasureRefused)
            {
                if (blocks.Count == 0)
                {
                    throw new DomainRuleException("No retention rule keeps the records asked about: erase them, or record another lawful reason as a refusal with reasons when closing.");
                }

                blockedBy = string.Join("\n", blocks.Select(b => b.Explanation));
            }
        }

        if (kind == DecisionKind.RestrictionPlaced)
        {
            RestrictionGround = ground ?? throw new DomainRuleException("Choose why processing is restricted.");
            RestrictionPlacedOn = ctx.Today;
            RestrictionLiftNoticeOn = null;
            RestrictionLiftedOn = null;
        }
        else if (ground is not null)
        {
            throw new DomainRuleException("A ground for restriction goes with a restriction only.");
        }

        Decision = kind;
        DecisionReasons = why;
        RecipientsTold = told;
        ErasureBlockedBy = blockedBy;
        AccessOffered = kind == DecisionKind.PortabilityNotApplicable;
        var detail = $"{DecisionRules.Describe(kind)}. {why}";
        if (told is not null) detail += $" Recipients told: {told}";
        if (blockedBy is not null) detail += $" {blockedBy.Replace('\n', ' ')}";
        if (RestrictionGround is { } g && kind == DecisionKind.RestrictionPlaced) detail += $" Ground: {DecisionRules.Describe(g)}.";
        if (detail.Length > 8000) detail = detail[..7999] + "…"; // the timeline entry's limit; the full text stays on the case
        Record(ctx, "Decision recorded", detail);
    }

    /// <summary>Restricted data may be stored only; before the restriction is lifted the person must be told.</summary>
    public void GiveNoticeOfLiftingRestriction(DateOnly toldOn, string how, CaseContext ctx)
    {
        if (RestrictionPlacedOn is null || RestrictionLiftedOn is not null) throw new DomainRuleException("There is no restriction in place to lift.");
        if (toldOn > ctx.Today) throw new DomainRuleException("Use the date the person was told: it cannot be in the future.");
        if (toldOn < RestrictionPlacedOn) throw new DomainRuleException("The person cannot have been told before the restriction was placed.");
        var text = Reason(how, "Say how the person was told the restriction will be lifted, and why.");
        RestrictionLiftNoticeOn = toldOn;
        Record(ctx, "Told of lifting restriction", $"Told on {UkDates.Short(toldOn)}: {text}");
    }

    /// <summary>Lift a restriction: only after the person has been told beforehand (Art 18(3)).</summary>
    public void LiftRestriction(DateOnly liftedOn, string reason, CaseContext ctx)
    {
        if (RestrictionPlacedOn is null || RestrictionLiftedOn is not null) throw new DomainRuleException("There is no restriction in place to lift.");
        if (RestrictionLiftNoticeOn is null) throw new DomainRuleException("Tell the person before lifting the restriction, and record when you told them.");
        if (liftedOn > ctx.Today) throw new DomainRuleException("Use the date the restriction was lifted: it cannot be in the future.");
        if (liftedOn < RestrictionLiftNoticeOn) throw new DomainRuleException($"The restriction cannot be lifted before the person was told, on {UkDates.Short(RestrictionLiftNoticeOn.Value)}.");
        var why = Reason(reason, "Say why the restriction is lifted, for example accuracy has been checked.");
        RestrictionLiftedOn = liftedOn;
        Record(ctx, "Restriction lifted", $"Lifted on {UkDates.Short(liftedOn)}: {why}");
    }

    /// <summary>The outcome must agree with what was decided: no response is sent that says otherwise.</summary>
    private void CheckOutcomeAgreesWithDecision(Outcome outcome)
    {
        if (Right is Right.Access or Right.EducationalRecord)
        {
            var held = disclosures.Count > 0;
            var kept = disclosures.Any(d => d.Disposition != Disposition.Disclosed);
            var anyGiven = disclosures.Any(d => d.Disposition != Disposition.Withheld);
            switch (outcome)
            {
                case Requests.Outcome.Complied when !held:
                    throw new DomainRuleException("List the records found before responding: each disclosed, redacted or withheld.");
                case Requests.Outcome.Complied when kept:
                    throw new DomainRuleException("Some records are redacted or withheld, so the response complies in part.");
                case Requests.Outcome.PartlyComplied when !kept || !anyGiven:
                    throw new DomainRuleException(kept ? "Every record is withheld, so the response is a refusal." : "Nothing is redacted or withheld, so the response complies in full.");
                case Requests.Outcome.NothingHeld when held:
                    throw new DomainRuleException("Records are listed, so the response cannot say nothing is held.");
                case Requests.Outcome.Refused when anyGiven:
                    throw new DomainRuleException("Some records are disclosed, so the response complies in part.");
            }

            return;
        }

        if (!DecisionRules.HasDecision(Right) || outcome == Requests.Outcome.NothingHeld) return;
        if (Decision is not { } decision) throw new DomainRuleException("Record the decision, with its reasons, before drafting the response.");
        if (!DecisionRules.OutcomesFor(decision).Contains(outcome))
        {
            throw new DomainRuleException($"The decision was \"{DecisionRules.Describe(decision)}\", so the response must be: {string.Join(" or ", DecisionRules.OutcomesFor(decision).Select(o => OutcomeName(o).ToLowerInvariant()))}.");
        }
    }
}
