using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Clock;

/// <summary>How paused days are counted (T6): the statute counts both end days; the ICO's wording one fewer.</summary>
public enum PauseReading
{
    Statutory,
    Ico,
}

/// <summary>How the 30 days to acknowledge a complaint are counted: the statute counts receipt as day 1; the ICO from the day after.</summary>
public enum ComplaintReading
{
    Statutory,
    Ico,
}

/// <summary>A clarification pause (T6): the day clarification was asked for and the day the answer arrived.</summary>
public readonly record struct ClarificationPause(DateOnly Asked, DateOnly Answered);

/// <summary>An organisation's own shorter target (T7), e.g. 20 working days or 28 calendar days from the start date.</summary>
public readonly record struct InternalTarget(int Days, bool WorkingDays)
{
    public override string ToString() => $"{Days} {(WorkingDays ? "working" : "calendar")} days";
}

/// <summary>Everything the clock needs to know about one request.</summary>
public readonly record struct DeadlineQuestion(
    Right Right,
    DateOnly Received,
    DateOnly? Started = null,
    bool Extended = false,
    IReadOnlyList<ClarificationPause>? Pauses = null,
    PauseReading PauseReading = PauseReading.Statutory,
    ComplaintReading ComplaintReading = ComplaintReading.Statutory,
    InternalTarget? InternalTarget = null,
    SchoolCalendar? SchoolCalendar = null);

/// <summary>The answer: the legal limit and the dates around it. Explanations come from <see cref="DeadlineCalculator.Explain"/>.</summary>
public readonly record struct Deadline(
    Right Right,
    DateOnly Received,
    DateOnly Start,
    DateOnly DueOn,
    DateOnly? ExtensionNoticeBy,
    int PausedDays,
    DateOnly? InternalTargetOn,
    bool Statutory);

public static class DeadlineRules
{
    /// <summary>The clarification pause was codified from this date (DUAA 2025); earlier requests cannot be paused.</summary>
    public static readonly DateOnly PausesFrom = new(2026, 2, 5);

    /// <summary>The duty to acknowledge data-protection complaints within 30 days (DPA s.164A) commenced on this date.</summary>
    public static readonly DateOnly ComplaintDutyFrom = new(2026, 6, 19);

    public const int MaxPauses = 50;

    public const int EducationalRecordSchoolDays = 15;

    public static bool IsOneMonthRight(Right right) =>
        right is Right.Access or Right.Rectification or Right.Erasure or Right.Restriction or Right.Objection or Right.Portability or Right.AutomatedDecision;

    public static bool CanPause(Right right) => right == Right.Access;

    /// <summary>
    /// T6: when a clarification pause may start, for a request received on <paramref name="received"/> that has
    /// <paramref name="earlierPauses"/> pauses already. The calculator and the request aggregate both ask here.
    /// </summary>
    public static void RefuseUnlawfulPauseStart(DateOnly asked, DateOnly received, int earlierPauses)
    {
        if (earlierPauses >= MaxPauses)
            throw new DomainRuleException($"A request can have at most {MaxPauses} clarification pauses.");
        if (asked < PausesFrom)
            throw new DomainRuleException($"The clock can only be paused for clarification from {UkDates.Short(PausesFrom)}, when the law allowing it began.");
        if (asked < received)
            throw new DomainRuleException("A clarification pause cannot start before the request was received.");
    }

    public static bool CanExtend(Right right) => IsOneMonthRight(right);
}

/// <summary>Which bank holidays apply: an organisation's setting (England and Wales by default).</summary>
public enum HolidayRegion
{
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}
