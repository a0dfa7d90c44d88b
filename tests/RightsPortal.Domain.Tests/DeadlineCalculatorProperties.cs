using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

/// <summary>
/// One random request: any right received on any day from 2024 to 2035, an optional restart, an optional extension
/// (one-month rights), 0 to 5 non-overlapping clarification pauses (access, from 5 Feb 2026), either reading, an
/// optional internal target, and <see cref="LaterBy"/>: how many days later a second receipt of the same request
/// arrives. Pauses are asked on or after that later receipt, so both receipts are valid questions.
/// </summary>
public sealed record ClockScenario(DeadlineQuestion Question, int LaterBy)
{
    public DeadlineQuestion Later => Question with { Received = Question.Received.AddDays(LaterBy) };

    public override string ToString()
    {
        var q = Question;
        var pauses = q.Pauses is { Count: > 0 } p ? string.Join(", ", p.Select(x => $"{x.Asked:yyyy-MM-dd}..{x.Answered:yyyy-MM-dd}")) : "none";
        return $"{q.Right} received {q.Received:yyyy-MM-dd} ({q.Received.DayOfWeek}), started {q.Started?.ToString("yyyy-MM-dd", null) ?? "-"}, " +
            $"extended {q.Extended}, pauses [{pauses}] {q.PauseReading}, complaint {q.ComplaintReading}, target {q.InternalTarget?.ToString() ?? "-"}, later by {LaterBy}";
    }
}

/// <summary>FsCheck generators for <see cref="ClockScenario"/>.</summary>
public static class ClockArbitraries
{
    private static readonly DateOnly First = D("2024-01-01");
    private static readonly DateOnly Last = D("2035-12-31");

    /// <summary>
    /// A made-up school calendar covering every receipt the generator makes: three terms a year from September 2023
    /// to July 2036 (1 Sep to 19 Dec, 5 Jan to 29 Mar, 16 Apr to 21 Jul), each term's first day an INSET day.
    /// </summary>
    public static SchoolCalendar LongSchoolCalendar { get; } = BuildLongSchoolCalendar();

    public static Arbitrary<ClockScenario> Scenarios() => Arb.From(Scenario());

    public static Gen<ClockScenario> Scenario() =>
        from right in Gen.Elements(Enum.GetValues<Right>())
        from offset in Gen.Choose(0, Last.DayNumber - First.DayNumber)
        from laterBy in Gen.Choose(1, 45)
        from startedBy in Gen.Frequency((1, Gen.Constant<int?>(null)), (1, Gen.Choose(-10, 45).Select(d => (int?)d)))
        from extended in Gen.Elements(false, true)
        from pauseReading in Gen.Elements(PauseReading.Statutory, PauseReading.Ico)
        from complaintReading in Gen.Elements(ComplaintReading.Statutory, ComplaintReading.Ico)
        from target in Gen.Frequency(
            (1, Gen.Constant<InternalTarget?>(null)),
            (1, from days in Gen.Choose(1, 40) from working in Gen.Elements(false, true) select (InternalTarget?)new InternalTarget(days, working)))
        let received = First.AddDays(offset)
        from pauses in right == Right.Access ? Pauses(received.AddDays(laterBy)) : Gen.Constant(Array.Empty<ClarificationPause>())
        select new ClockScenario(
            new DeadlineQuestion(
                right,
                received,
                startedBy is { } s ? received.AddDays(s) : null,
                Extended: extended && DeadlineRules.CanExtend(right),
                Pauses: pauses,
                PauseReading: pauseReading,
                ComplaintReading: complaintReading,
                InternalTarget: DeadlineRules.IsOneMonthRight(right) ? target : null,
                SchoolCalendar: right == Right.EducationalRecord ? LongSchoolCalendar : null),
            laterBy);

    /// <summary>0 to 5 pauses, none before <paramref name="from"/> or 5 Feb 2026, each after the last answer, in random order.</summary>
    private static Gen<ClarificationPause[]> Pauses(DateOnly from)
    {
        var cursor = from < DeadlineRules.PausesFrom ? DeadlineRules.PausesFrom : from;
        if (cursor.DayNumber - from.DayNumber > 30) return Gen.Constant(Array.Empty<ClarificationPause>());

        return from count in Gen.Choose(0, 5)
               from gaps in Gen.ArrayOf(Gen.Choose(0, 10), count)
               from lengths in Gen.ArrayOf(Gen.Choose(0, 14), count)
               from shuffled in Gen.Shuffle(Chain(cursor, gaps, lengths))
               select shuffled;
    }

    private static ClarificationPause[] Chain(DateOnly cursor, int[] gaps, int[] lengths)
    {
        var pauses = new ClarificationPause[gaps.Length];
        for (var i = 0; i < pauses.Length; i++)
        {
            var asked = cursor.AddDays(gaps[i]);
            var answered = asked.AddDays(lengths[i]);
            pauses[i] = new ClarificationPause(asked, answered);
            cursor = answered.AddDays(1);
        }

        return pauses;
    }

    private static SchoolCalendar BuildLongSchoolCalendar()
    {
        var terms = new List<(DateOnly, DateOnly)>();
        for (var year = 2023; year <= 2035; year++)
        {
            terms.Add((new DateOnly(year, 9, 1), new DateOnly(year, 12, 19)));
            terms.Add((new DateOnly(year + 1, 1, 5), new DateOnly(year + 1, 3, 29)));
            terms.Add((new DateOnly(year + 1, 4, 16), new DateOnly(year + 1, 7, 21)));
        }

        return new SchoolCalendar(terms, terms.Select(t => t.Item1));
    }
}

/// <summary>Invariants of the clock over random requests (FsCheck, 10,000 cases each).</summary>
public class DeadlineCalculatorProperties
{
    private const int Cases = 10_000;
    private static readonly DeadlineCalculator Calculator = new(HolidayCalendar.EnglandAndWales);

    private static bool IsWorkingDay(DateOnly d) =>
        d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !HolidayCalendar.EnglandAndWales.IsHoliday(d);

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(ClockArbitraries) })]
    public void The_generator_makes_what_it_promises(ClockScenario s)
    {
        var q = s.Question;
        Assert.InRange(q.Received, D("2024-01-01"), D("2035-12-31"));
        Assert.InRange(s.LaterBy, 1, 45);
        Assert.InRange(q.Pauses?.Count ?? 0, 0, 5);
        Assert.True(q.Right == Right.Access || q.Pauses is not { Count: > 0 });
        Assert.True(!q.Extended || DeadlineRules.IsOneMonthRight(q.Right));
    }

    [Fact]
    public void The_generator_covers_every_right_pauses_extensions_and_restarts()
    {
        var sample = ClockArbitraries.Scenario().Sample(10_000);

        Assert.All(Enum.GetValues<Right>(), r => Assert.Contains(sample, s => s.Question.Right == r));
        Assert.True(sample.Count(s => s.Question.Pauses is { Count: >= 2 }) > 200, "too few requests with several pauses");
        Assert.Contains(sample, s => s.Question.Pauses is { Count: 5 } && s.Question.Extended);
        Assert.True(sample.Count(s => s.Question.Extended) > 1000, "too few extensions");
        Assert.True(sample.Count(s => s.Question.Started > s.Question.Received) > 1000, "too few restarts");
        Assert.Contains(sample, s => s.Question.InternalTarget is { WorkingDays: true } && s.Question.Pauses is { Count: > 0 });
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(ClockArbitraries) })]
    public void The_due_date_is_always_a_working_day(ClockScenario s)
    {
        // The complaint acknowledgement is the one limit in calendar days that is never rolled.
        if (s.Question.Right == Right.Complaint) return;
        var due = Calculator.Compute(s.Question).DueOn;
        Assert.True(IsWorkingDay(due), $"{s}: due {Short(due)}");
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(ClockArbitraries) })]
    public void A_one_month_right_is_never_due_before_start_plus_28_days(ClockScenario s)
    {
        if (!DeadlineRules.IsOneMonthRight(s.Question.Right)) return;
        var d = Calculator.Compute(s.Question);
        Assert.True(d.DueOn >= d.Start.AddDays(28), $"{s}: start {Short(d.Start)}, due {Short(d.DueOn)}");
        Assert.True(d.Start >= d.Received);
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(ClockArbitraries) })]
    public void A_later_receipt_never_gives_an_earlier_due_date(ClockScenario s)
    {
        var earlier = Calculator.Compute(s.Question).DueOn;
        var later = Calculator.Compute(s.Later).DueOn;
        Assert.True(later >= earlier, $"{s}: {Short(earlier)} then {Short(later)}");
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(ClockArbitraries) })]
    public void An_extension_never_shortens(ClockScenario s)
    {
        if (!DeadlineRules.CanExtend(s.Question.Right)) return;
        var plain = Calculator.Compute(s.Question with { Extended = false });
        var extended = Calculator.Compute(s.Question with { Extended = true });
        Assert.True(extended.DueOn >= plain.DueOn, $"{s}: {Short(plain.DueOn)} extended to {Short(extended.DueOn)}");
        Assert.Equal(plain.InternalTargetOn, extended.InternalTargetOn);
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(ClockArbitraries) })]
    public void Adding_a_pause_never_shortens(ClockScenario s)
    {
        var pauses = s.Question.Pauses ?? [];
        var previous = Calculator.Compute(s.Question with { Pauses = null });
        for (var n = 1; n <= pauses.Count; n++)
        {
            var next = Calculator.Compute(s.Question with { Pauses = [.. pauses.Take(n)] });
            Assert.True(next.DueOn >= previous.DueOn, $"{s}: pause {n} moved {Short(previous.DueOn)} to {Short(next.DueOn)}");
            Assert.True(next.PausedDays >= previous.PausedDays);
            if (next.InternalTargetOn is { } target && previous.InternalTargetOn is { } before)
            {
                Assert.True(target >= before, $"{s}: pause {n} moved the target {Short(before)} to {Short(target)}");
            }

            previous = next;
        }
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(ClockArbitraries) })]
    public void The_ICO_reading_is_never_later_than_the_statutory_reading(ClockScenario s)
    {
        var statute = Calculator.Compute(s.Question with { PauseReading = PauseReading.Statutory, ComplaintReading = ComplaintReading.Statutory });
        var ico = Calculator.Compute(s.Question with { PauseReading = PauseReading.Ico, ComplaintReading = ComplaintReading.Ico });
        if (s.Question.Right == Right.Complaint)
        {
            // The one exception by design: the ICO counts the 30 days from the day after receipt, one day later.
            Assert.Equal(statute.DueOn.AddDays(1), ico.DueOn);
            return;
        }

        Assert.True(ico.DueOn <= statute.DueOn, $"{s}: ICO {Short(ico.DueOn)}, statute {Short(statute.DueOn)}");
        Assert.True(ico.PausedDays <= statute.PausedDays);
        Assert.Equal(statute.PausedDays - ico.PausedDays, s.Question.Pauses?.Count ?? 0);
    }

    [Property(MaxTest = Cases, Arbitrary = new[] { typeof(ClockArbitraries) })]
    public void Compute_and_Explain_give_the_same_deadline(ClockScenario s)
    {
        var computed = Calculator.Compute(s.Question);
        var (explained, lines) = Calculator.Explain(s.Question);
        Assert.Equal(computed, explained);
        DeadlineCalculatorCases.AssertPlainEnglish(s.Question, computed, lines);
    }
}
