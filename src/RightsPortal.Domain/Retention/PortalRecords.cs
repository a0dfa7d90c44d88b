namespace RightsPortal.Domain.Retention;

/// <summary>The portal's own records about a request or complaint, each kept for its own period.</summary>
public enum PortalRecordKind
{
    /// <summary>The rights-request case file: the request, search log, redaction record and response.</summary>
    CaseFile,

    /// <summary>A data-protection complaint made to the organisation, with its acknowledgement, steps and outcome.</summary>
    ComplaintFile,

    /// <summary>Proof of identity uploaded for verification; once decided, only the fact that ID was checked is kept.</summary>
    IdentityDocuments,

    /// <summary>Messages between the family and the team on the case.</summary>
    CaseMessages,

    /// <summary>Files on disk uploaded for or sent on the case (authority, evidence, response documents).</summary>
    CaseUploads,

    /// <summary>The copies of emails the portal sent, kept in its outbox.</summary>
    SentMailBodies,
}

/// <summary>What starts a portal record's retention period: the dates the portal itself records.</summary>
public enum PortalRecordTrigger
{
    /// <summary>The case closed (response sent, withdrawn or transferred).</summary>
    Closure,

    /// <summary>The decision on proof of identity was made.</summary>
    VerificationDecided,

    /// <summary>The email was sent.</summary>
    Sent,

    /// <summary>No period of its own: kept and destroyed with the record it belongs to.</summary>
    FollowsRecord,
}

/// <summary>
/// One line of the portal's default schedule for its own records, in the words a DPO reads on screen. The
/// <see cref="Name"/> is the record type an organisation's <see cref="RetentionRule"/> uses to change the period or
/// action; the trigger is fixed, because it is the date the portal records.
/// </summary>
public sealed record PortalRecordDefault(
    PortalRecordKind Kind,
    string Name,
    string Explanation,
    PortalRecordTrigger Trigger,
    int Years,
    int Months,
    RetentionAction Action,
    int? MinimumMonthsAfterLastContact = null,
    PortalRecordKind? Follows = null);

/// <summary>The period and action that apply to one kind of portal record for one organisation.</summary>
public sealed record PortalRetentionRule(
    PortalRecordKind Kind,
    string Name,
    PortalRecordTrigger Trigger,
    int Years,
    int Months,
    RetentionAction Action,
    int? MinimumMonthsAfterLastContact,
    bool SetByOrganisation)
{
    /// <summary>The period in words: "6 years", "1 month".</summary>
    public string PeriodText => AsRule().PeriodText;

    /// <summary>The rule in one line for the DPO and for the record of destruction.</summary>
    public string Describe()
    {
        var text = $"{Name}: {PeriodText} after {PortalRecordCatalogue.TriggerName(Trigger)}";
        if (MinimumMonthsAfterLastContact is { } months)
        {
            text += $", and never less than {months} months after the last contact";
        }

        return text + $" ({PortalRecordCatalogue.ActionName(Action)}" + (SetByOrganisation ? ", the organisation's schedule)" : ", the portal's default)");
    }

    /// <summary>
    /// The date the period ends. A 29 February trigger ends on 28 February unless the organisation chose 1 March,
    /// exactly as the organisation's own retention rules do.
    /// </summary>
    public DateOnly EndsOn(DateOnly triggeredOn, bool leapDayToFirstMarch) => AsRule().EndsOn(triggeredOn, leapDayToFirstMarch);

    private RetentionRule AsRule() => new() { RecordType = Name, Years = Years, Months = Months, Action = Action };
}

/// <summary>The portal's own records, their default periods (domain rules section 4) and how an organisation changes them.</summary>
public static class PortalRecordCatalogue
{
    /// <summary>Every kind of portal record with its default, in the order the DPO sees them.</summary>
    public static IReadOnlyList<PortalRecordDefault> All { get; } =
    [
        new(PortalRecordKind.CaseFile, "Rights-request case file",
            "The request, the search log, the record of what was redacted or withheld and why, and the response. Kept so the " +
            "organisation can answer a complaint, an ICO investigation or a claim about how the request was handled.",
            PortalRecordTrigger.Closure, 6, 0, RetentionAction.Review, MinimumMonthsAfterLastContact: 4),
        new(PortalRecordKind.ComplaintFile, "Data-protection complaint file",
            "The complaint, when it was received and acknowledged, the steps taken and the outcome. Kept so the organisation " +
            "can show the ICO how the complaint was handled.",
            PortalRecordTrigger.Closure, 6, 0, RetentionAction.Review),
        new(PortalRecordKind.IdentityDocuments, "Identity documents uploaded for verification",
            "Copies of passports, letters and other proof of identity. They are needed only to decide who is asking: after " +
            "that only the fact that ID was checked, and why, is kept on the case.",
            PortalRecordTrigger.VerificationDecided, 0, 1, RetentionAction.Destroy),
        new(PortalRecordKind.CaseMessages, "Messages on the case",
            "Messages between the family and the team. They are part of the case file and are kept and destroyed with it.",
            PortalRecordTrigger.FollowsRecord, 0, 0, RetentionAction.Review, Follows: PortalRecordKind.CaseFile),
        new(PortalRecordKind.CaseUploads, "Files uploaded or sent on the case",
            "Evidence of authority, supporting evidence and response documents stored on disk. They are kept and destroyed " +
            "with the file they belong to.",
            PortalRecordTrigger.FollowsRecord, 0, 0, RetentionAction.Review, Follows: PortalRecordKind.CaseFile),
        new(PortalRecordKind.SentMailBodies, "Copies of emails sent",
            "The text of each email the portal sent. The case keeps a note that it was sent; the copy itself is only needed " +
            "for a short time, in case delivery has to be checked.",
            PortalRecordTrigger.Sent, 0, 1, RetentionAction.Destroy),
    ];

    /// <summary>The default for one kind of record.</summary>
    public static PortalRecordDefault Default(PortalRecordKind kind) => All.Single(d => d.Kind == kind);

    /// <summary>
    /// The rule that applies for an organisation: its own schedule line with the same record type (name compared
    /// without regard to case or surrounding spaces) sets the period and action; otherwise the portal's default.
    /// </summary>
    public static PortalRetentionRule RuleFor(PortalRecordKind kind, IEnumerable<RetentionRule> organisationRules)
    {
        var record = Default(kind);
        if (record.Follows is { } followed)
        {
            // A record with no period of its own takes the period of the record it belongs to, under its own name.
            return RuleFor(followed, organisationRules) with { Kind = kind, Name = record.Name, Trigger = PortalRecordTrigger.FollowsRecord };
        }

        var own = organisationRules.FirstOrDefault(r => string.Equals(r.RecordType.Trim(), record.Name, StringComparison.OrdinalIgnoreCase));
        return own is null
            ? new(kind, record.Name, record.Trigger, record.Years, record.Months, record.Action, record.MinimumMonthsAfterLastContact, SetByOrganisation: false)
            : new(kind, record.Name, record.Trigger, own.Years, own.Months, own.Action, record.MinimumMonthsAfterLastContact, SetByOrganisation: true);
    }

    /// <summary>The records that have no period of their own and go with <paramref name="kind"/>.</summary>
    public static IReadOnlyList<PortalRecordKind> Followers(PortalRecordKind kind) =>
        [.. All.Where(d => d.Follows == kind).Select(d => d.Kind)];

    public static string TriggerName(PortalRecordTrigger trigger) => trigger switch
    {
        PortalRecordTrigger.Closure => "the file closes",
        PortalRecordTrigger.VerificationDecided => "the identity decision",
        PortalRecordTrigger.Sent => "it was sent",
        PortalRecordTrigger.FollowsRecord => "the file it belongs to closes",
        _ => trigger.ToString(),
    };

    public static string ActionName(RetentionAction action) => action switch
    {
        RetentionAction.Destroy => "destroyed automatically",
        RetentionAction.Review => "reviewed by the DPO",
        RetentionAction.Anonymise => "anonymised after review by the DPO",
        _ => action.ToString(),
    };
}
