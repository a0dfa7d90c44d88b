namespace RightsPortal.Domain.Retention;

/// <summary>A schedule line as the DPO asks for it: the kind of record, what starts its clock, how long, and what then happens.</summary>
public sealed record RetentionLine(string RecordType, RetentionTrigger Trigger, int Years, int Months, RetentionAction Action);

/// <summary>
/// The rules for changing an organisation's retention schedule (domain rules section 4: each organisation edits its own).
/// Every refusal says what to do instead; every change is described in words for the schedule's history.
/// </summary>
public static class RetentionScheduleEdit
{
    public const int RecordTypeLimit = 200;
    public const int MaxYears = 150;

    /// <summary>The history's name for the organisation-wide 29 February setting.</summary>
    public const string LeapDaySetting = "29 February birthdays";

    public const string RecordTypeMissing = "Say what kind of record the line is for, for example \"School child-protection file\".";
    public static readonly string RecordTypeTooLong = $"Keep the kind of record to {RecordTypeLimit} characters or fewer.";
    public static readonly string YearsOutOfRange = $"Give the years as a whole number from 0 to {MaxYears}.";
    public const string MonthsOutOfRange = "Give the months as a whole number from 0 to 11; write 12 months or more as years.";
    public const string PeriodZero = "A record must be kept for at least a month: give the years, the months, or both.";
    public const string TriggerUnknown = "Choose what starts the period: the file closing, the date of birth, the identity decision or the last contact.";
    public const string ActionUnknown = "Choose what happens when the period ends: destroy, review or anonymise.";
    public const string ReasonMissing = "Say why the schedule is changing, for example the guidance or decision behind it: the ICO may ask.";
    public static readonly string ReasonTooLong = $"Keep the reason to {RetentionRuleChange.ReasonLimit:N0} characters or fewer.";

    /// <summary>
    /// Checks a line to be added (<paramref name="existing"/> null) or changed against the rest of the organisation's
    /// schedule, and returns the record type as it is stored (surrounding spaces removed).
    /// </summary>
    /// <param name="schedule">Every line of the organisation's schedule, including <paramref name="existing"/>.</param>
    public static string CheckLine(RetentionLine line, RetentionRule? existing, IEnumerable<RetentionRule> schedule, string? reason)
    {
        CheckReason(reason);
        var recordType = (line.RecordType ?? "").Trim();
        if (recordType.Length == 0) throw new DomainRuleException(RecordTypeMissing);
        if (recordType.Length > RecordTypeLimit) throw new DomainRuleException(RecordTypeTooLong);
        if (line.Years is < 0 or > MaxYears) throw new DomainRuleException(YearsOutOfRange);
        if (line.Months is < 0 or > 11) throw new DomainRuleException(MonthsOutOfRange);
        if (line.Years == 0 && line.Months == 0) throw new DomainRuleException(PeriodZero);
        if (!Enum.IsDefined(line.Trigger)) throw new DomainRuleException(TriggerUnknown);
        if (!Enum.IsDefined(line.Action)) throw new DomainRuleException(ActionUnknown);

        var clash = schedule.FirstOrDefault(r => (existing is null || r.Id != existing.Id) && SameRecordType(r.RecordType, recordType));
        if (clash is not null)
        {
            throw new DomainRuleException($"Your schedule already has a line for \"{clash.RecordType.Trim()}\". Change that line instead of adding another.");
        }

        if (PortalRecord(recordType) is { } portal)
        {
            CheckPortalRecord(portal, line, existing);
        }

        if (existing is not null && existing.RecordType.Trim() == recordType
            && existing.Trigger == line.Trigger && existing.Years == line.Years && existing.Months == line.Months && existing.Action == line.Action)
        {
            throw new DomainRuleException("Nothing on this line has changed. Change the period, the trigger or the action, or cancel.");
        }

        return recordType;
    }

    /// <summary>Checks the reason given for a change: required, and short enough to keep.</summary>
    public static string CheckReason(string? reason)
    {
        var why = (reason ?? "").Trim();
        if (why.Length == 0) throw new DomainRuleException(ReasonMissing);
        if (why.Length > RetentionRuleChange.ReasonLimit) throw new DomainRuleException(ReasonTooLong);
        return why;
    }

    /// <summary>The portal record a record type names (case and surrounding spaces ignored), if any.</summary>
    public static PortalRecordDefault? PortalRecord(string recordType) =>
        PortalRecordCatalogue.All.FirstOrDefault(d => SameRecordType(d.Name, recordType));

    /// <summary>The schedule trigger that matches a portal record's fixed trigger; none for a copy of an email (counted from sending).</summary>
    public static RetentionTrigger? TriggerFor(PortalRecordTrigger trigger) => trigger switch
    {
        PortalRecordTrigger.Closure => RetentionTrigger.Closure,
        PortalRecordTrigger.VerificationDecided => RetentionTrigger.VerificationDecided,
        _ => null,
    };

    /// <summary>A schedule line in words, for the history and the schedule page.</summary>
    public static string Describe(RetentionRule rule)
    {
        var when = PortalRecord(rule.RecordType) is { Follows: null } portal && TriggerFor(portal.Trigger) is null
            ? "after " + PortalRecordCatalogue.TriggerName(portal.Trigger)
            : TriggerPhrase(rule.Trigger);
        return $"{rule.RecordType.Trim()}: {rule.PeriodText} {when}, then {PortalRecordCatalogue.ActionName(rule.Action)}";
    }

    /// <summary>The 29 February setting in words, for the history and the schedule page.</summary>
    public static string DescribeLeapDay(bool toFirstMarch) => toFirstMarch
        ? "A period counted from 29 February ends on 1 March in a year without one"
        : "A period counted from 29 February ends on 28 February in a year without one";

    /// <summary>What starts the period, as the schedule reads: "after the file closes", "from the date of birth".</summary>
    public static string TriggerPhrase(RetentionTrigger trigger) => trigger switch
    {
        RetentionTrigger.DateOfBirth => "from the date of birth",
        _ => "after the " + ErasureCheck.TriggerName(trigger),
    };

    private static void CheckPortalRecord(PortalRecordDefault portal, RetentionLine line, RetentionRule? existing)
    {
        if (portal.Follows is { } followed)
        {
            var owner = PortalRecordCatalogue.Default(followed).Name;
            throw new DomainRuleException(
                $"\"{portal.Name}\" are kept and destroyed with the {owner.ToLowerInvariant()} and have no period of their own. Change the line for \"{owner}\" instead.");
        }

        if (portal.Kind == PortalRecordKind.SentMailBodies && line.Action != RetentionAction.Destroy)
        {
            // Email copies are too many to review one by one, and nobody would see them: they are only ever destroyed.
            throw new DomainRuleException(
                $"Copies of emails are destroyed automatically when their period ends; they cannot be kept for review. Choose \"destroyed automatically\" and change only the period.");
        }

        if (TriggerFor(portal.Trigger) is { } fixedTrigger)
        {
            if (line.Trigger != fixedTrigger)
            {
                throw new DomainRuleException(
                    $"The period for \"{portal.Name}\" always starts {TriggerPhrase(fixedTrigger)}, the date the portal records. Choose that trigger, and change only the period or the action.");
            }
        }
        else if (existing is not null && line.Trigger != existing.Trigger)
        {
            throw new DomainRuleException(
                $"The period for \"{portal.Name}\" always starts when each email was sent. Change only the period or the action.");
        }
    }

    private static bool SameRecordType(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
