using RightsPortal.Domain.Clock;

namespace RightsPortal.Domain.Retention;

/// <summary>What starts a retention period.</summary>
public enum RetentionTrigger
{
    Closure,
    DateOfBirth,
    VerificationDecided,
    LastContact,
}

/// <summary>What happens when the period ends.</summary>
public enum RetentionAction
{
    Destroy,
    Review,
    Anonymise,
}

/// <summary>One line of an organisation's retention schedule: a kind of record, what starts its clock, and for how long it is kept.</summary>
public sealed class RetentionRule
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string RecordType { get; set; } = "";
    public RetentionTrigger Trigger { get; set; }
    public int Years { get; set; }
    public int Months { get; set; }
    public RetentionAction Action { get; set; }

    /// <summary>The organisation's data categories (codes) this rule keeps; none for the portal's own records.</summary>
    public List<string> CategoryCodes { get; set; } = [];

    public string PeriodText => (Years, Months) switch
    {
        (0, var m) => m == 1 ? "1 month" : $"{m} months",
        (var y, 0) => y == 1 ? "1 year" : $"{y} years",
        var (y, m) => $"{y} years and {m} months",
    };

    /// <summary>The end of the period from a trigger date. A 29 February birthday ends on 28 February unless the organisation chose 1 March.</summary>
    public DateOnly EndsOn(DateOnly triggeredOn, bool leapDayToFirstMarch = false)
    {
        // Counted in months, so a period of years and months from 29 February keeps the 29th where the end month has one.
        var end = triggeredOn.AddMonths((12 * Years) + Months);
        if (leapDayToFirstMarch && triggeredOn is { Month: 2, Day: 29 } && end is { Month: 2, Day: 28 }) end = end.AddDays(1);
        return end;
    }
}

/// <summary>A retention rule that keeps records an erasure request asks about, and until when.</summary>
public sealed record ErasureBlock(string RecordType, IReadOnlyList<string> CategoryCodes, DateOnly? Until, string Explanation);

/// <summary>Erasure against the schedule (Art 17(3)): which rules keep the records asked about, and until when.</summary>
public static class ErasureCheck
{
    public static IReadOnlyList<ErasureBlock> Blocks(IEnumerable<RetentionRule> rules, IReadOnlyCollection<string> categories, DateOnly dateOfBirth, DateOnly today, bool leapDayToFirstMarch = false)
    {
        var blocks = new List<ErasureBlock>();
        foreach (var rule in rules.OrderBy(r => r.RecordType, StringComparer.Ordinal))
        {
            var covered = rule.CategoryCodes.Where(categories.Contains).ToList();
            if (covered.Count == 0) continue;
            switch (rule.Trigger)
            {
                case RetentionTrigger.DateOfBirth:
                    var until = rule.EndsOn(dateOfBirth, leapDayToFirstMarch);
                    if (today < until)
                    {
                        blocks.Add(new(rule.RecordType, covered, until,
                            $"{rule.RecordType}: kept until {UkDates.Long(until)} (date of birth plus {rule.PeriodText}), because we must keep them by law or for our public task."));
                    }

                    break;
                default:
                    // The file's closure or last contact is recorded in the service's own system, not here: the rule
                    // keeps the records until that date is known and the period has run.
                    blocks.Add(new(rule.RecordType, covered, null,
                        $"{rule.RecordType}: kept for {rule.PeriodText} after the {TriggerName(rule.Trigger)}, because we must keep them by law or for our public task."));
                    break;
            }
        }

        return blocks;
    }

    public static string TriggerName(RetentionTrigger trigger) => trigger switch
    {
        RetentionTrigger.Closure => "file closes",
        RetentionTrigger.DateOfBirth => "date of birth",
        RetentionTrigger.VerificationDecided => "identity decision",
        RetentionTrigger.LastContact => "last contact",
        _ => trigger.ToString(),
    };
}
