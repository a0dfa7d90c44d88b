using System.Text.RegularExpressions;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;
using static RightsPortal.Domain.Tests.Dates;

namespace RightsPortal.Domain.Tests;

/// <summary>
/// Worked cases for <see cref="DeadlineCalculator"/>, every expected date worked out by hand from domain rules sections
/// 1, 2 and 5 and a real calendar (each weekday in the comments was checked with the `date` command, not with the code
/// under test). Every case goes through both <see cref="DeadlineCalculator.Compute"/> and
/// <see cref="DeadlineCalculator.Explain"/>: the two must agree, and the explanation must be plain English.
/// </summary>
public partial class DeadlineCalculatorCases
{
    private static readonly DeadlineCalculator EnglandAndWales = new(HolidayCalendar.EnglandAndWales);

    // ---------------------------------------------------------------- T3 month ends, 2026 and 2027, and 29 Feb 2028

    [Theory]
    [InlineData("2026-01-31", "2026-03-02")] // no 31 Feb: Sat 28 Feb 2026 -> Mon 2 Mar 2026
    [InlineData("2026-02-28", "2026-03-30")] // Sat 28 Mar 2026 -> Mon 30 Mar 2026
    [InlineData("2026-03-31", "2026-04-30")] // no 31 Apr: Thu 30 Apr 2026
    [InlineData("2026-04-30", "2026-06-01")] // Sat 30 May 2026 -> Mon 1 Jun 2026
    [InlineData("2026-05-31", "2026-06-30")] // no 31 Jun: Tue 30 Jun 2026
    [InlineData("2026-06-30", "2026-07-30")] // Thu 30 Jul 2026
    [InlineData("2026-07-31", "2026-09-01")] // Mon 31 Aug 2026 is the summer bank holiday -> Tue 1 Sep 2026
    [InlineData("2026-08-31", "2026-09-30")] // no 31 Sep: Wed 30 Sep 2026
    [InlineData("2026-09-30", "2026-10-30")] // Fri 30 Oct 2026
    [InlineData("2026-10-31", "2026-11-30")] // no 31 Nov: Mon 30 Nov 2026 (St Andrew's Day is not an England & Wales holiday)
    [InlineData("2026-11-30", "2026-12-30")] // Wed 30 Dec 2026
    [InlineData("2026-12-31", "2027-02-01")] // Sun 31 Jan 2027 -> Mon 1 Feb 2027
    [InlineData("2027-01-31", "2027-03-01")] // no 31 Feb: Sun 28 Feb 2027 -> Mon 1 Mar 2027
    [InlineData("2027-02-28", "2027-03-30")] // Sun 28 Mar 2027, Mon 29 Mar 2027 Easter Monday -> Tue 30 Mar 2027
    [InlineData("2027-03-31", "2027-04-30")] // no 31 Apr: Fri 30 Apr 2027
    [InlineData("2027-04-30", "2027-06-01")] // Sun 30 May 2027, Mon 31 May 2027 spring holiday -> Tue 1 Jun 2027
    [InlineData("2027-05-31", "2027-06-30")] // no 31 Jun: Wed 30 Jun 2027
    [InlineData("2027-06-30", "2027-07-30")] // Fri 30 Jul 2027
    [InlineData("2027-07-31", "2027-08-31")] // Tue 31 Aug 2027 (the summer holiday was Mon 30 Aug 2027)
    [InlineData("2027-08-31", "2027-09-30")] // no 31 Sep: Thu 30 Sep 2027
    [InlineData("2027-09-30", "2027-11-01")] // Sat 30 Oct 2027 -> Mon 1 Nov 2027
    [InlineData("2027-10-31", "2027-11-30")] // no 31 Nov: Tue 30 Nov 2027
    [InlineData("2027-11-30", "2027-12-30")] // Thu 30 Dec 2027
    [InlineData("2027-12-31", "2028-01-31")] // Mon 31 Jan 2028
    [InlineData("2027-01-29", "2027-03-01")] // no 29 Feb in 2027: Sun 28 Feb 2027 -> Mon 1 Mar 2027
    [InlineData("2028-01-31", "2028-02-29")] // leap year: no 31 Feb -> Tue 29 Feb 2028
    [InlineData("2028-01-30", "2028-02-29")] // no 30 Feb -> Tue 29 Feb 2028
    [InlineData("2028-01-29", "2028-02-29")] // received Sat 29 Jan 2028 -> Tue 29 Feb 2028 exists
    [InlineData("2028-02-29", "2028-03-29")] // received Tue 29 Feb 2028 -> Wed 29 Mar 2028
    [InlineData("2028-02-28", "2028-03-28")] // Tue 28 Mar 2028
    [InlineData("2024-01-31", "2024-02-29")] // leap year: Thu 29 Feb 2024
    public void One_calendar_month_from_a_month_end(string received, string due)
    {
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(Right.Access, D(received)));

        Assert.Equal(D(due), deadline.DueOn);
        Assert.Equal(D(received), deadline.Start);
        Assert.Null(deadline.ExtensionNoticeBy);
        Assert.Equal(0, deadline.PausedDays);
        Assert.True(deadline.Statutory);
    }

    // ---------------------------------------------------------------- T4 every kind of bank holiday on the due date

    [Theory]
    // New Year's Day and its substitute.
    [InlineData("2024-12-01", "2025-01-02")] // Wed 1 Jan 2025 New Year -> Thu 2 Jan 2025
    [InlineData("2026-12-01", "2027-01-04")] // Fri 1 Jan 2027 New Year -> Mon 4 Jan 2027
    [InlineData("2027-12-03", "2028-01-04")] // Mon 3 Jan 2028, substitute for Sat 1 Jan 2028 -> Tue 4 Jan 2028
    [InlineData("2027-12-01", "2028-01-04")] // Sat 1 Jan 2028, Sun 2 Jan 2028, Mon 3 Jan 2028 substitute -> Tue 4 Jan 2028
    [InlineData("2029-12-01", "2030-01-02")] // Tue 1 Jan 2030 New Year -> Wed 2 Jan 2030
    // Good Friday (and the Easter weekend behind it).
    [InlineData("2024-02-29", "2024-04-02")] // Fri 29 Mar 2024 Good Friday, weekend, Mon 1 Apr 2024 Easter Monday -> Tue 2 Apr 2024
    [InlineData("2025-03-18", "2025-04-22")] // Fri 18 Apr 2025 Good Friday .. Mon 21 Apr 2025 -> Tue 22 Apr 2025
    [InlineData("2026-03-03", "2026-04-07")] // Fri 3 Apr 2026 Good Friday .. Mon 6 Apr 2026 -> Tue 7 Apr 2026
    [InlineData("2028-03-14", "2028-04-18")] // Fri 14 Apr 2028 Good Friday .. Mon 17 Apr 2028 -> Tue 18 Apr 2028
    // Easter Monday.
    [InlineData("2026-03-06", "2026-04-07")] // Mon 6 Apr 2026 Easter Monday -> Tue 7 Apr 2026
    [InlineData("2029-03-02", "2029-04-03")] // Mon 2 Apr 2029 Easter Monday -> Tue 3 Apr 2029
    [InlineData("2030-03-22", "2030-04-23")] // Mon 22 Apr 2030 Easter Monday -> Tue 23 Apr 2030
    // Early May.
    [InlineData("2025-04-05", "2025-05-06")] // Mon 5 May 2025 early May -> Tue 6 May 2025
    [InlineData("2030-04-06", "2030-05-07")] // Mon 6 May 2030 early May -> Tue 7 May 2030
    [InlineData("2028-03-31", "2028-05-02")] // no 31 Apr: Sun 30 Apr 2028, Mon 1 May 2028 early May -> Tue 2 May 2028
    // Spring.
    [InlineData("2024-04-27", "2024-05-28")] // Mon 27 May 2024 spring -> Tue 28 May 2024
    [InlineData("2025-04-26", "2025-05-27")] // Mon 26 May 2025 spring -> Tue 27 May 2025
    [InlineData("2028-04-29", "2028-05-30")] // Mon 29 May 2028 spring -> Tue 30 May 2028
    // Summer.
    [InlineData("2024-07-26", "2024-08-27")] // Mon 26 Aug 2024 summer -> Tue 27 Aug 2024
    [InlineData("2029-07-27", "2029-08-28")] // Mon 27 Aug 2029 summer -> Tue 28 Aug 2029
    [InlineData("2030-07-26", "2030-08-27")] // Mon 26 Aug 2030 summer -> Tue 27 Aug 2030
    // Christmas and Boxing Day, with substitutes.
    [InlineData("2024-11-25", "2024-12-27")] // ICO example: Wed 25 Dec 2024, Thu 26 Dec 2024 -> Fri 27 Dec 2024
    [InlineData("2025-11-26", "2025-12-29")] // Fri 26 Dec 2025 Boxing Day, weekend -> Mon 29 Dec 2025
    [InlineData("2026-11-25", "2026-12-29")] // Fri 25 Dec 2026, weekend, Mon 28 Dec 2026 Boxing Day substitute -> Tue 29 Dec 2026
    [InlineData("2026-11-28", "2026-12-29")] // Mon 28 Dec 2026 Boxing Day substitute -> Tue 29 Dec 2026
    [InlineData("2026-11-24", "2026-12-24")] // Thu 24 Dec 2026 is only a concession day: not moved
    [InlineData("2027-11-25", "2027-12-29")] // Sat 25 Dec 2027, Sun 26 Dec 2027, Mon 27 Dec 2027 and Tue 28 Dec 2027 substitutes -> Wed 29 Dec 2027
    [InlineData("2027-11-27", "2027-12-29")] // Mon 27 Dec 2027 Christmas substitute, Tue 28 Dec 2027 Boxing Day substitute -> Wed 29 Dec 2027
    [InlineData("2027-11-28", "2027-12-29")] // Tue 28 Dec 2027 Boxing Day substitute -> Wed 29 Dec 2027
    [InlineData("2028-11-25", "2028-12-27")] // Mon 25 Dec 2028, Tue 26 Dec 2028 -> Wed 27 Dec 2028
    [InlineData("2029-11-26", "2029-12-27")] // Wed 26 Dec 2029 Boxing Day -> Thu 27 Dec 2029
    [InlineData("2033-11-25", "2033-12-28")] // Sun 25 Dec 2033, Mon 26 Dec 2033 and Tue 27 Dec 2033 substitutes -> Wed 28 Dec 2033
    public void A_due_date_on_a_bank_holiday_rolls_to_the_next_working_day(string received, string due)
    {
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(Right.Access, D(received)));

        Assert.Equal(D(due), deadline.DueOn);
    }

    [Fact]
    public void Good_Friday_2029_as_a_three_month_due_date_rolls_past_Easter_Monday()
    {
        // 30 Mar 2029 cannot be reached in one month from February, so three: received Sat 30 Dec 2028, extended ->
        // Fri 30 Mar 2029 Good Friday, weekend, Mon 2 Apr 2029 Easter Monday -> Tue 3 Apr 2029. Told by Tue 30 Jan 2029.
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(Right.Access, D("2028-12-30"), Extended: true));

        Assert.Equal(D("2029-04-03"), deadline.DueOn);
        Assert.Equal(D("2029-01-30"), deadline.ExtensionNoticeBy);
    }

    // ---------------------------------------------------------------- T1 receipt on weekends and bank holidays

    [Theory]
    [InlineData("2025-12-25", "2026-01-26")] // received Thu 25 Dec 2025 -> Sun 25 Jan 2026 -> Mon 26 Jan 2026
    [InlineData("2026-01-01", "2026-02-02")] // received Thu 1 Jan 2026 -> Sun 1 Feb 2026 -> Mon 2 Feb 2026
    [InlineData("2026-02-01", "2026-03-02")] // received Sun 1 Feb 2026 -> Sun 1 Mar 2026 -> Mon 2 Mar 2026
    [InlineData("2026-03-07", "2026-04-07")] // received Sat 7 Mar 2026 -> Tue 7 Apr 2026
    [InlineData("2026-04-03", "2026-05-05")] // received Fri 3 Apr 2026 -> Sun 3 May 2026, Mon 4 May 2026 early May -> Tue 5 May 2026
    [InlineData("2026-04-04", "2026-05-05")] // received Sat 4 Apr 2026 -> Mon 4 May 2026 early May -> Tue 5 May 2026
    [InlineData("2026-04-06", "2026-05-06")] // received Mon 6 Apr 2026 -> Wed 6 May 2026
    public void A_weekend_or_bank_holiday_receipt_still_counts_from_that_day(string received, string due)
    {
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(Right.Access, D(received)));

        Assert.Equal(D(received), deadline.Received);
        Assert.Equal(D(received), deadline.Start);
        Assert.Equal(D(due), deadline.DueOn);
    }

    // ---------------------------------------------------------------- T2 restarts

    [Theory]
    [InlineData(Right.Access, "2026-03-02", "2026-03-10", "2026-03-10", "2026-04-10")] // ID arrived Tue 10 Mar 2026 -> Fri 10 Apr 2026
    [InlineData(Right.Rectification, "2026-01-05", "2026-01-31", "2026-01-31", "2026-03-02")] // Sat 31 Jan 2026 -> Sat 28 Feb 2026 -> Mon 2 Mar 2026
    [InlineData(Right.Erasure, "2026-03-10", "2026-03-02", "2026-03-10", "2026-04-10")] // an earlier date changes nothing: Fri 10 Apr 2026
    [InlineData(Right.Restriction, "2026-11-20", "2026-11-25", "2026-11-25", "2026-12-29")] // Fri 25 Dec 2026 .. Mon 28 Dec 2026 -> Tue 29 Dec 2026
    [InlineData(Right.Objection, "2027-02-15", "2027-02-28", "2027-02-28", "2027-03-30")] // Sun 28 Mar 2027, Mon 29 Mar 2027 -> Tue 30 Mar 2027
    [InlineData(Right.Portability, "2026-06-01", "2026-06-01", "2026-06-01", "2026-07-01")] // same day: Wed 1 Jul 2026
    [InlineData(Right.AutomatedDecision, "2026-07-01", "2026-07-31", "2026-07-31", "2026-09-01")] // Mon 31 Aug 2026 -> Tue 1 Sep 2026
    public void Id_authority_or_a_fee_arriving_restarts_the_clock(Right right, string received, string started, string start, string due)
    {
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(right, D(received), D(started)));

        Assert.Equal(D(received), deadline.Received);
        Assert.Equal(D(start), deadline.Start);
        Assert.Equal(D(due), deadline.DueOn);
    }

    // ---------------------------------------------------------------- T6 clarification pauses

    [Theory]
    // Received Mon 11 May 2026 -> Thu 11 Jun 2026.
    [InlineData("2026-05-11", "2026-05-13..2026-05-13", PauseReading.Statutory, 1, "2026-06-12")] // one day -> Fri 12 Jun 2026
    [InlineData("2026-05-11", "2026-05-13..2026-05-13", PauseReading.Ico, 0, "2026-06-11")] // none -> Thu 11 Jun 2026
    [InlineData("2026-05-11", "2026-05-13..2026-05-17", PauseReading.Statutory, 5, "2026-06-16")] // Tue 16 Jun 2026
    [InlineData("2026-05-11", "2026-05-13..2026-05-17", PauseReading.Ico, 4, "2026-06-15")] // Mon 15 Jun 2026
    // Three pauses: 2+7+1 statutory, 1+6+0 ICO.
    [InlineData("2026-05-11", "2026-05-12..2026-05-13;2026-05-20..2026-05-26;2026-06-01..2026-06-01", PauseReading.Statutory, 10, "2026-06-22")] // Sun 21 Jun 2026 -> Mon 22 Jun 2026
    [InlineData("2026-05-11", "2026-05-12..2026-05-13;2026-05-20..2026-05-26;2026-06-01..2026-06-01", PauseReading.Ico, 7, "2026-06-18")] // Thu 18 Jun 2026
    // Received Thu 5 Feb 2026, the first day pauses are allowed, paused the same day -> Thu 5 Mar 2026 plus the pause.
    [InlineData("2026-02-05", "2026-02-05..2026-02-06", PauseReading.Statutory, 2, "2026-03-09")] // Sat 7 Mar 2026 -> Mon 9 Mar 2026
    [InlineData("2026-02-05", "2026-02-05..2026-02-06", PauseReading.Ico, 1, "2026-03-06")] // Fri 6 Mar 2026
    // Received Tue 20 Jan 2026, before the law began, but asked on Thu 5 Feb 2026 -> Fri 20 Feb 2026 plus the pause.
    [InlineData("2026-01-20", "2026-02-05..2026-02-09", PauseReading.Statutory, 5, "2026-02-25")] // Wed 25 Feb 2026
    [InlineData("2026-01-20", "2026-02-05..2026-02-09", PauseReading.Ico, 4, "2026-02-24")] // Tue 24 Feb 2026
    // Received Tue 1 Sep 2026 -> Thu 1 Oct 2026; two pauses listed out of order, back to back (5+7 or 4+6).
    [InlineData("2026-09-01", "2026-09-10..2026-09-14;2026-09-03..2026-09-09", PauseReading.Statutory, 12, "2026-10-13")] // Tue 13 Oct 2026
    [InlineData("2026-09-01", "2026-09-10..2026-09-14;2026-09-03..2026-09-09", PauseReading.Ico, 10, "2026-10-12")] // Sun 11 Oct 2026 -> Mon 12 Oct 2026
    // Received Mon 16 Nov 2026 -> Wed 16 Dec 2026; 9 or 8 days pushes it to Christmas or the concession day.
    [InlineData("2026-11-16", "2026-11-18..2026-11-26", PauseReading.Statutory, 9, "2026-12-29")] // Fri 25 Dec 2026 .. Mon 28 Dec 2026 -> Tue 29 Dec 2026
    [InlineData("2026-11-16", "2026-11-18..2026-11-26", PauseReading.Ico, 8, "2026-12-24")] // Thu 24 Dec 2026, not moved
    public void Clarification_pauses_add_their_days_before_the_roll(string received, string pauses, PauseReading reading, int pausedDays, string due)
    {
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(Right.Access, D(received), Pauses: Pauses(pauses), PauseReading: reading));

        Assert.Equal(pausedDays, deadline.PausedDays);
        Assert.Equal(D(due), deadline.DueOn);
    }

    [Theory]
    // Received Mon 2 Mar 2026, ID arrived Mon 16 Mar 2026 -> Thu 16 Apr 2026; asked Tue 3 Mar 2026, answered Thu 5 Mar 2026.
    [InlineData(PauseReading.Statutory, 3, "2026-04-20")] // Sun 19 Apr 2026 -> Mon 20 Apr 2026
    [InlineData(PauseReading.Ico, 2, "2026-04-20")] // Sat 18 Apr 2026 -> Mon 20 Apr 2026
    public void A_pause_before_a_restart_still_counts(PauseReading reading, int pausedDays, string due)
    {
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(
            Right.Access, D("2026-03-02"), D("2026-03-16"), Pauses: Pauses("2026-03-03..2026-03-05"), PauseReading: reading));

        Assert.Equal(D("2026-03-16"), deadline.Start);
        Assert.Equal(pausedDays, deadline.PausedDays);
        Assert.Equal(D(due), deadline.DueOn);
    }

    // ---------------------------------------------------------------- T5 extensions

    [Theory]
    [InlineData(Right.Access, "2026-01-31", null, "2026-04-30", "2026-02-28")] // Thu 30 Apr 2026; told by Sat 28 Feb 2026 (not rolled)
    [InlineData(Right.Access, "2026-11-25", null, "2027-02-25", "2026-12-25")] // Thu 25 Feb 2027; told by Fri 25 Dec 2026 (not rolled)
    [InlineData(Right.Access, "2026-11-30", null, "2027-03-01", "2026-12-30")] // no 30 Feb: Sun 28 Feb 2027 -> Mon 1 Mar 2027; told by Wed 30 Dec 2026
    [InlineData(Right.Erasure, "2026-01-06", null, "2026-04-07", "2026-02-06")] // Mon 6 Apr 2026 Easter Monday -> Tue 7 Apr 2026; told by Fri 6 Feb 2026
    [InlineData(Right.Rectification, "2027-10-27", null, "2028-01-27", "2027-11-27")] // Thu 27 Jan 2028; told by Sat 27 Nov 2027 (not rolled)
    [InlineData(Right.Restriction, "2026-05-01", "2026-05-31", "2026-09-01", "2026-06-30")] // start Sun 31 May 2026: Mon 31 Aug 2026 -> Tue 1 Sep 2026; told by Tue 30 Jun 2026
    [InlineData(Right.Objection, "2027-07-31", null, "2027-11-01", "2027-08-31")] // Sun 31 Oct 2027 -> Mon 1 Nov 2027; told by Tue 31 Aug 2027
    public void An_extension_gives_three_months_and_an_unrolled_notice_date(Right right, string received, string? started, string due, string noticeBy)
    {
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(right, D(received), started is null ? null : D(started), Extended: true));

        Assert.Equal(D(due), deadline.DueOn);
        Assert.Equal(D(noticeBy), deadline.ExtensionNoticeBy);
    }

    [Theory]
    // Received Mon 2 Mar 2026, extended -> Tue 2 Jun 2026; paused Tue 10 Mar 2026 to Thu 12 Mar 2026. The first month is
    // lengthened by the pause too, so the notice date is Thu 2 Apr 2026 plus the paused days, not rolled.
    [InlineData(PauseReading.Statutory, 3, "2026-06-05", "2026-04-05")] // Fri 5 Jun 2026; notice Sun 5 Apr 2026
    [InlineData(PauseReading.Ico, 2, "2026-06-04", "2026-04-04")] // Thu 4 Jun 2026; notice Sat 4 Apr 2026
    public void A_pause_and_an_extension_add_up(PauseReading reading, int pausedDays, string due, string noticeBy)
    {
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(
            Right.Access, D("2026-03-02"), Extended: true, Pauses: Pauses("2026-03-10..2026-03-12"), PauseReading: reading));

        Assert.Equal(pausedDays, deadline.PausedDays);
        Assert.Equal(D(due), deadline.DueOn);
        Assert.Equal(D(noticeBy), deadline.ExtensionNoticeBy);
    }

    // ---------------------------------------------------------------- complaint acknowledgement (DPA s.164A)

    [Theory]
    [InlineData("2026-06-18", ComplaintReading.Statutory, "2026-07-17", false)] // Fri 17 Jul 2026; the day before the duty began
    [InlineData("2026-06-18", ComplaintReading.Ico, "2026-07-18", false)] // Sat 18 Jul 2026, not rolled
    [InlineData("2026-06-19", ComplaintReading.Statutory, "2026-07-18", true)] // the first day of the duty: Sat 18 Jul 2026, not rolled
    [InlineData("2026-06-19", ComplaintReading.Ico, "2026-07-19", true)] // Sun 19 Jul 2026, not rolled
    [InlineData("2026-06-20", ComplaintReading.Statutory, "2026-07-19", true)] // received Sat 20 Jun 2026 -> Sun 19 Jul 2026
    [InlineData("2026-11-26", ComplaintReading.Statutory, "2026-12-25", true)] // Fri 25 Dec 2026, not rolled
    [InlineData("2026-11-26", ComplaintReading.Ico, "2026-12-26", true)] // Sat 26 Dec 2026
    [InlineData("2026-01-31", ComplaintReading.Statutory, "2026-03-01", false)] // 28 days of Feb: Sun 1 Mar 2026
    [InlineData("2028-02-01", ComplaintReading.Statutory, "2028-03-01", true)] // 29 days of Feb: Wed 1 Mar 2028
    [InlineData("2028-02-01", ComplaintReading.Ico, "2028-03-02", true)] // Thu 2 Mar 2028
    [InlineData("2024-02-01", ComplaintReading.Statutory, "2024-03-01", false)] // Fri 1 Mar 2024, good practice only
    public void A_complaint_is_acknowledged_within_30_calendar_days(string received, ComplaintReading reading, string due, bool statutory)
    {
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(Right.Complaint, D(received), ComplaintReading: reading));

        Assert.Equal(D(due), deadline.DueOn);
        Assert.Equal(statutory, deadline.Statutory);
        Assert.Equal(D(received), deadline.Start);
        Assert.Null(deadline.ExtensionNoticeBy);
        Assert.Null(deadline.InternalTargetOn);
        Assert.Equal(0, deadline.PausedDays);
    }

    // ---------------------------------------------------------------- T7 internal targets

    [Theory]
    // Received Mon 16 Mar 2026: legal limit Thu 16 Apr 2026. 20 working days skip Fri 3 Apr 2026 and Mon 6 Apr 2026.
    [InlineData(Right.Access, "2026-03-16", null, 20, true, null, "2026-04-15", "2026-04-16")] // Wed 15 Apr 2026
    [InlineData(Right.Access, "2026-03-16", null, 28, false, null, "2026-04-13", "2026-04-16")] // Mon 13 Apr 2026
    // The same with a 3-day statutory pause (Wed 18 Mar 2026 to Fri 20 Mar 2026).
    [InlineData(Right.Access, "2026-03-16", null, 20, true, "2026-03-18..2026-03-20", "2026-04-20", "2026-04-20")] // Sat 18 Apr 2026 -> Mon 20 Apr 2026
    [InlineData(Right.Access, "2026-03-16", null, 28, false, "2026-03-18..2026-03-20", "2026-04-16", "2026-04-20")] // Thu 16 Apr 2026; legal Sun 19 Apr 2026 -> Mon 20 Apr 2026
    // Received Fri 6 Mar 2026: 28 days is Fri 3 Apr 2026, Good Friday -> Tue 7 Apr 2026; legal Mon 6 Apr 2026 -> Tue 7 Apr 2026.
    [InlineData(Right.Access, "2026-03-06", null, 28, false, null, "2026-04-07", "2026-04-07")]
    // Received Tue 1 Dec 2026: 20 working days skip Fri 25 Dec 2026 and Mon 28 Dec 2026 but count Thu 24 Dec 2026 -> Thu 31 Dec 2026.
    [InlineData(Right.Access, "2026-12-01", null, 20, true, null, "2026-12-31", "2027-01-04")] // legal Fri 1 Jan 2027 -> Mon 4 Jan 2027
    [InlineData(Right.Access, "2026-12-01", null, 28, false, null, "2026-12-29", "2027-01-04")] // Tue 29 Dec 2026
    // Counted from the restart: ID arrived Mon 16 Mar 2026.
    [InlineData(Right.Access, "2026-03-02", "2026-03-16", 28, false, null, "2026-04-13", "2026-04-16")]
    // Received Mon 3 Aug 2026: 20 working days skip Mon 31 Aug 2026 -> Tue 1 Sep 2026; legal Thu 3 Sep 2026.
    [InlineData(Right.Rectification, "2026-08-03", null, 20, true, null, "2026-09-01", "2026-09-03")]
    public void An_internal_target_is_shown_beside_the_legal_limit(
        Right right, string received, string? started, int days, bool workingDays, string? pauses, string target, string due)
    {
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(
            right, D(received), started is null ? null : D(started), Pauses: pauses is null ? null : Pauses(pauses),
            InternalTarget: new InternalTarget(days, workingDays)));

        Assert.Equal(D(target), deadline.InternalTargetOn);
        Assert.Equal(D(due), deadline.DueOn);
    }

    [Fact]
    public void An_extension_does_not_move_the_internal_target()
    {
        // Received Mon 16 Mar 2026, 28 days -> Mon 13 Apr 2026; extended -> Tue 16 Jun 2026.
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(
            Right.Access, D("2026-03-16"), Extended: true, InternalTarget: new InternalTarget(28, false)));

        Assert.Equal(D("2026-04-13"), deadline.InternalTargetOn);
        Assert.Equal(D("2026-06-16"), deadline.DueOn);
    }

    // ---------------------------------------------------------------- educational record: 15 school days

    /// <summary>
    /// A school year of five terms: autumn 1 Wed 2 Sep 2026 to Fri 23 Oct 2026 (half-term Mon 26 Oct 2026 to
    /// Fri 30 Oct 2026), autumn 2 Mon 2 Nov 2026 to Fri 18 Dec 2026, spring 1 Tue 5 Jan 2027 to Fri 12 Feb 2027,
    /// spring 2 Mon 22 Feb 2027 to Fri 26 Mar 2027 (Good Friday), summer Mon 12 Apr 2027 to Wed 21 Jul 2027.
    /// INSET days: Wed 2 Sep 2026, Mon 2 Nov 2026, Tue 5 Jan 2027.
    /// </summary>
    internal static SchoolCalendar SchoolYear2026To2027() => new(
        [
            (D("2026-09-02"), D("2026-10-23")),
            (D("2026-11-02"), D("2026-12-18")),
            (D("2027-01-05"), D("2027-02-12")),
            (D("2027-02-22"), D("2027-03-26")),
            (D("2027-04-12"), D("2027-07-21")),
        ],
        [D("2026-09-02"), D("2026-11-02"), D("2027-01-05")]);

    [Theory]
    // Received Mon 12 Oct 2026: 13-16 Oct (4), 19-23 Oct (9), half-term, INSET Mon 2 Nov 2026, 3-6 Nov (13), Mon 9 Nov 2026 (14) -> Tue 10 Nov 2026.
    [InlineData("2026-10-12", "2026-11-10")]
    // Received Wed 28 Oct 2026 in half-term: INSET Mon 2 Nov 2026; 3-6 Nov (4), 9-13 (9), 16-20 (14) -> Mon 23 Nov 2026.
    [InlineData("2026-10-28", "2026-11-23")]
    // Received Tue 1 Sep 2026 before term: INSET Wed 2 Sep 2026; 3-4 Sep (2), 7-11 (7), 14-18 (12) -> Wed 23 Sep 2026.
    [InlineData("2026-09-01", "2026-09-23")]
    // Received Sat 5 Sep 2026: 7-11 Sep (5), 14-18 (10), 21-25 (15) -> Fri 25 Sep 2026.
    [InlineData("2026-09-05", "2026-09-25")]
    // Received Fri 11 Dec 2026: 14-18 Dec (5), holidays, INSET Tue 5 Jan 2027, 6-8 Jan (8), 11-15 (13) -> Tue 19 Jan 2027.
    [InlineData("2026-12-11", "2027-01-19")]
    // Received Thu 11 Mar 2027: Fri 12 Mar 2027 (1), 15-19 (6), 22-25 (10), Good Friday Fri 26 Mar 2027, Easter holidays, 12-16 Apr (15) -> Fri 16 Apr 2027.
    [InlineData("2027-03-11", "2027-04-16")]
    // Received Mon 26 Apr 2027: 27-30 Apr (4), bank holiday Mon 3 May 2027, 4-7 May (8), 10-14 (13) -> Tue 18 May 2027.
    [InlineData("2027-04-26", "2027-05-18")]
    // Received Mon 17 May 2027: 18-21 May (4), 24-28 (9), bank holiday Mon 31 May 2027, 1-4 Jun (13) -> Tue 8 Jun 2027.
    [InlineData("2027-05-17", "2027-06-08")]
    public void A_parents_educational_record_request_counts_15_school_days(string received, string due)
    {
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(Right.EducationalRecord, D(received), SchoolCalendar: SchoolYear2026To2027()));

        Assert.Equal(D(due), deadline.DueOn);
        Assert.Equal(D(received), deadline.Start);
        Assert.Null(deadline.ExtensionNoticeBy);
        Assert.Null(deadline.InternalTargetOn);
        Assert.Equal(0, deadline.PausedDays);
        Assert.True(deadline.Statutory);
    }

    // ---------------------------------------------------------------- Scotland and Northern Ireland

    [Theory]
    // Scotland: 2 January.
    [InlineData(HolidayRegion.Scotland, "2025-12-02", "2026-01-05")] // Fri 2 Jan 2026 -> Mon 5 Jan 2026
    [InlineData(HolidayRegion.EnglandAndWales, "2025-12-02", "2026-01-02")] // Fri 2 Jan 2026 is a working day
    [InlineData(HolidayRegion.Scotland, "2027-12-02", "2028-01-05")] // Sun 2 Jan 2028, Mon 3 Jan 2028 and Tue 4 Jan 2028 substitutes -> Wed 5 Jan 2028
    // Scotland: St Andrew's Day and its substitute.
    [InlineData(HolidayRegion.Scotland, "2026-10-30", "2026-12-01")] // Mon 30 Nov 2026 -> Tue 1 Dec 2026
    [InlineData(HolidayRegion.Scotland, "2025-11-01", "2025-12-02")] // Sun 30 Nov 2025 -> Mon 1 Dec 2025 substitute -> Tue 2 Dec 2025
    [InlineData(HolidayRegion.EnglandAndWales, "2025-11-01", "2025-12-01")] // Mon 1 Dec 2025 is a working day
    [InlineData(HolidayRegion.Scotland, "2030-11-02", "2030-12-03")] // Sat 30 Nov 2030 -> Mon 2 Dec 2030 substitute -> Tue 3 Dec 2030
    // Scotland: first Monday in August, not the last.
    [InlineData(HolidayRegion.Scotland, "2026-07-03", "2026-08-04")] // Mon 3 Aug 2026 -> Tue 4 Aug 2026
    [InlineData(HolidayRegion.EnglandAndWales, "2026-07-03", "2026-08-03")] // Mon 3 Aug 2026 is a working day
    [InlineData(HolidayRegion.Scotland, "2026-07-31", "2026-08-31")] // Mon 31 Aug 2026 is a working day in Scotland
    // Scotland: Good Friday but no Easter Monday.
    [InlineData(HolidayRegion.Scotland, "2026-03-06", "2026-04-06")] // Mon 6 Apr 2026 is a working day
    [InlineData(HolidayRegion.Scotland, "2026-03-03", "2026-04-06")] // Fri 3 Apr 2026 Good Friday, weekend -> Mon 6 Apr 2026
    // Northern Ireland: St Patrick's Day and its substitute.
    [InlineData(HolidayRegion.NorthernIreland, "2026-02-17", "2026-03-18")] // Tue 17 Mar 2026 -> Wed 18 Mar 2026
    [InlineData(HolidayRegion.EnglandAndWales, "2026-02-17", "2026-03-17")] // Tue 17 Mar 2026 is a working day
    [InlineData(HolidayRegion.NorthernIreland, "2024-02-18", "2024-03-19")] // Sun 17 Mar 2024 -> Mon 18 Mar 2024 substitute -> Tue 19 Mar 2024
    [InlineData(HolidayRegion.NorthernIreland, "2029-02-19", "2029-03-20")] // Sat 17 Mar 2029 -> Mon 19 Mar 2029 substitute -> Tue 20 Mar 2029
    // Northern Ireland: Battle of the Boyne and its substitute.
    [InlineData(HolidayRegion.NorthernIreland, "2026-06-12", "2026-07-14")] // Sun 12 Jul 2026, Mon 13 Jul 2026 substitute -> Tue 14 Jul 2026
    [InlineData(HolidayRegion.EnglandAndWales, "2026-06-12", "2026-07-13")] // Sun 12 Jul 2026 -> Mon 13 Jul 2026
    [InlineData(HolidayRegion.NorthernIreland, "2025-06-14", "2025-07-15")] // Sat 12 Jul 2025 -> Mon 14 Jul 2025 substitute -> Tue 15 Jul 2025
    [InlineData(HolidayRegion.NorthernIreland, "2027-06-12", "2027-07-13")] // Mon 12 Jul 2027 -> Tue 13 Jul 2027
    // Northern Ireland keeps Easter Monday.
    [InlineData(HolidayRegion.NorthernIreland, "2026-03-06", "2026-04-07")] // Mon 6 Apr 2026 -> Tue 7 Apr 2026
    public void Each_region_rolls_past_its_own_bank_holidays(HolidayRegion region, string received, string due)
    {
        var deadline = Ask(new DeadlineCalculator(HolidayCalendar.For(region)), new DeadlineQuestion(Right.Access, D(received)));

        Assert.Equal(D(due), deadline.DueOn);
    }

    // ---------------------------------------------------------------- published years replace the rules

    /// <summary>A published 2026 table in which the early May holiday moved from Mon 4 May 2026 to Fri 8 May 2026.</summary>
    private static HolidayCalendar Published2026() => HolidayCalendar.EnglandAndWales.WithPublishedYears(
    [
        D("2026-01-01"), D("2026-04-03"), D("2026-04-06"), D("2026-05-08"),
        D("2026-05-25"), D("2026-08-31"), D("2026-12-25"), D("2026-12-28"),
    ]);

    [Theory]
    [InlineData("2026-04-04", "2026-05-04")] // Mon 4 May 2026 is no longer a holiday
    [InlineData("2026-04-08", "2026-05-11")] // Fri 8 May 2026 is -> Mon 11 May 2026
    [InlineData("2026-03-06", "2026-04-07")] // Mon 6 Apr 2026 still is -> Tue 7 Apr 2026
    [InlineData("2026-11-25", "2026-12-29")] // Fri 25 Dec 2026 .. Mon 28 Dec 2026 still are -> Tue 29 Dec 2026
    [InlineData("2027-02-28", "2027-03-30")] // 2027 keeps the rules: Mon 29 Mar 2027 -> Tue 30 Mar 2027
    [InlineData("2027-04-03", "2027-05-04")] // 2027 keeps the rules: Mon 3 May 2027 -> Tue 4 May 2027
    public void A_published_year_replaces_the_rules_for_that_year_only(string received, string due)
    {
        var deadline = Ask(new DeadlineCalculator(Published2026()), new DeadlineQuestion(Right.Access, D(received)));

        Assert.Equal(D(due), deadline.DueOn);
    }

    [Fact]
    public void Publishing_a_year_leaves_the_original_calendar_alone()
    {
        var published = Published2026();

        Assert.True(HolidayCalendar.EnglandAndWales.IsHoliday(D("2026-05-04")));
        Assert.False(HolidayCalendar.EnglandAndWales.IsHoliday(D("2026-05-08")));
        Assert.False(published.IsHoliday(D("2026-05-04")));
        Assert.Equal(HolidayCalendar.EnglandAndWales.Region, published.Region);
        Assert.Equal(HolidayCalendar.EnglandAndWales.HolidaysIn(2027), published.HolidaysIn(2027));
    }

    public static TheoryData<string> Calendars => ["england-and-wales", "scotland", "northern-ireland", "published-2026"];

    [Theory]
    [MemberData(nameof(Calendars))]
    public void IsHoliday_and_IsWorkingDay_agree_with_the_listed_holidays_on_every_day(string name)
    {
        var calendar = name switch
        {
            "scotland" => HolidayCalendar.Scotland,
            "northern-ireland" => HolidayCalendar.NorthernIreland,
            "published-2026" => Published2026(),
            _ => HolidayCalendar.EnglandAndWales,
        };

        foreach (var year in Enumerable.Range(1990, 116))
        {
            var listed = calendar.HolidaysIn(year).ToHashSet();
            foreach (var day in EveryDay(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)))
            {
                Assert.Equal(listed.Contains(day), calendar.IsHoliday(day));
                Assert.Equal(!listed.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), calendar.IsWorkingDay(day));
            }
        }

        Assert.Empty(calendar.HolidaysIn(1994));
        Assert.Empty(calendar.HolidaysIn(2101));
        Assert.False(calendar.IsHoliday(DateOnly.MinValue));
        Assert.False(calendar.IsHoliday(DateOnly.MaxValue));
        Assert.True(calendar.IsWorkingDay(D("1994-12-30"))); // a Friday before the first year of rules
    }

    [Fact]
    public void A_published_year_far_outside_the_rules_is_honoured()
    {
        var calendar = HolidayCalendar.EnglandAndWales.WithPublishedYears([D("0001-01-01"), D("9999-12-31")]);

        Assert.True(calendar.IsHoliday(DateOnly.MinValue));
        Assert.True(calendar.IsHoliday(DateOnly.MaxValue));
        Assert.False(calendar.IsHoliday(D("0001-01-02")));
        Assert.True(calendar.IsHoliday(D("2026-12-28")));
    }

    // ---------------------------------------------------------------- rules broken: DomainRuleException

    private static readonly Dictionary<string, (DeadlineQuestion Question, string Phrase)> Refused = new()
    {
        ["rectification paused"] = (
            new DeadlineQuestion(Right.Rectification, D("2026-03-02"), Pauses: Pauses("2026-03-03..2026-03-04")),
            "Only access requests can be paused"),
        ["educational record paused"] = (
            new DeadlineQuestion(Right.EducationalRecord, D("2026-10-12"), Pauses: Pauses("2026-10-13..2026-10-14"), SchoolCalendar: SchoolYear2026To2027()),
            "Only access requests can be paused"),
        ["complaint paused"] = (
            new DeadlineQuestion(Right.Complaint, D("2026-07-01"), Pauses: Pauses("2026-07-02..2026-07-03")),
            "Only access requests can be paused"),
        ["pause asked before the law began"] = (
            new DeadlineQuestion(Right.Access, D("2026-01-20"), Pauses: Pauses("2026-02-04..2026-02-06")),
            "from Thu 5 Feb 2026"),
        ["pause asked before receipt"] = (
            new DeadlineQuestion(Right.Access, D("2026-03-10"), Pauses: Pauses("2026-03-09..2026-03-11")),
            "cannot start before the request was received"),
        ["pause answered before asked"] = (
            new DeadlineQuestion(Right.Access, D("2026-03-02"), Pauses: Pauses("2026-03-10..2026-03-09")),
            "cannot end before it starts"),
        ["pauses sharing a day"] = (
            new DeadlineQuestion(Right.Access, D("2026-03-02"), Pauses: Pauses("2026-03-10..2026-03-12;2026-03-12..2026-03-14")),
            "cannot overlap"),
        ["a pause inside another"] = (
            new DeadlineQuestion(Right.Access, D("2026-03-02"), Pauses: Pauses("2026-03-05..2026-03-20;2026-03-10..2026-03-11")),
            "cannot overlap"),
        ["51 pauses"] = (
            new DeadlineQuestion(Right.Access, D("2026-03-02"), Pauses: DailyPauses(D("2026-03-02"), 51)),
            "at most 50"),
        ["educational record without a school calendar"] = (
            new DeadlineQuestion(Right.EducationalRecord, D("2026-10-12")),
            "no school calendar"),
        ["educational record past the calendar's last term"] = (
            new DeadlineQuestion(Right.EducationalRecord, D("2027-07-12"), SchoolCalendar: SchoolYear2026To2027()),
            "does not cover Thu 22 Jul 2027"),
        ["educational record before the calendar's first term"] = (
            new DeadlineQuestion(Right.EducationalRecord, D("2026-08-20"), SchoolCalendar: SchoolYear2026To2027()),
            "does not cover Fri 21 Aug 2026"),
        ["educational record extended"] = (
            new DeadlineQuestion(Right.EducationalRecord, D("2026-10-12"), Extended: true, SchoolCalendar: SchoolYear2026To2027()),
            "Only the one-month rights can be extended"),
        ["complaint extended"] = (
            new DeadlineQuestion(Right.Complaint, D("2026-07-01"), Extended: true),
            "Only the one-month rights can be extended"),
    };

    public static TheoryData<string> Refusals => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_question_that_breaks_a_rule_is_refused_with_a_helpful_message(string why)
    {
        var (question, phrase) = Refused[why];
        var computed = Assert.Throws<DomainRuleException>(() => EnglandAndWales.Compute(question));
        var explained = Assert.Throws<DomainRuleException>(() => EnglandAndWales.Explain(question));

        Assert.True(computed.Message.Contains(phrase, StringComparison.Ordinal), $"{why}: \"{computed.Message}\" lacks \"{phrase}\"");
        Assert.Equal(computed.Message, explained.Message);
        Assert.Matches(PlainSentence(), computed.Message);
    }

    [Fact]
    public void Fifty_pauses_are_allowed()
    {
        // Received Mon 2 Mar 2026; 50 one-day pauses every other day from Mon 2 Mar 2026: 50 statutory days.
        // Thu 2 Apr 2026 + 50 days = Fri 22 May 2026.
        var deadline = Ask(EnglandAndWales, new DeadlineQuestion(Right.Access, D("2026-03-02"), Pauses: DailyPauses(D("2026-03-02"), 50)));

        Assert.Equal(50, deadline.PausedDays);
        Assert.Equal(D("2026-05-22"), deadline.DueOn);
    }

    [Fact]
    public void A_school_calendar_cannot_be_empty_or_end_a_term_before_it_starts()
    {
        var empty = Assert.Throws<DomainRuleException>(() => new SchoolCalendar([], []));
        var backwards = Assert.Throws<DomainRuleException>(() => new SchoolCalendar([(D("2026-10-23"), D("2026-09-02"))], []));

        Assert.Contains("at least one term", empty.Message, StringComparison.Ordinal);
        Assert.Contains("Fri 23 Oct 2026", backwards.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- Explain

    [Fact]
    public void Explain_names_each_rule_it_applied()
    {
        // Received Mon 2 Mar 2026, ID Mon 16 Mar 2026, extended, paused 3 days, 28-day target.
        var (deadline, lines) = EnglandAndWales.Explain(new DeadlineQuestion(
            Right.Access, D("2026-03-02"), D("2026-03-16"), Extended: true, Pauses: Pauses("2026-03-18..2026-03-20"),
            InternalTarget: new InternalTarget(28, false)));

        // Tue 16 Jun 2026 + 3 = Fri 19 Jun 2026; 28 days + 3 = Thu 16 Apr 2026.
        Assert.Equal(D("2026-06-19"), deadline.DueOn);
        Assert.Equal(D("2026-04-16"), deadline.InternalTargetOn);
        Assert.Contains(Short(D("2026-03-02")), lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("started again", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("two further months", StringComparison.Ordinal));
        // One month from Mon 16 Mar 2026 is Thu 16 Apr 2026, plus the 3 paused days: Sun 19 Apr 2026 (not rolled).
        Assert.Contains(lines, l => l.Contains("must be told", StringComparison.Ordinal) && l.Contains("Sun 19 Apr 2026", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Paused", StringComparison.Ordinal) && l.Contains("3 days", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Internal target", StringComparison.Ordinal));
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Compute and Explain the same question: the same answer, and an explanation in plain English.</summary>
    internal static Deadline Ask(DeadlineCalculator calculator, DeadlineQuestion question)
    {
        var computed = calculator.Compute(question);
        var (explained, lines) = calculator.Explain(question);

        Assert.Equal(computed, explained);
        AssertPlainEnglish(question, computed, lines);
        return computed;
    }

    internal static void AssertPlainEnglish(DeadlineQuestion question, Deadline deadline, IReadOnlyList<string> lines)
    {
        Assert.True(lines.Count >= 2, "an explanation has at least the receipt and one rule");
        Assert.Contains(Short(question.Received), lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(Short(deadline.DueOn), StringComparison.Ordinal));
        foreach (var line in lines)
        {
            Assert.False(string.IsNullOrWhiteSpace(line));
            Assert.Matches(PlainSentence(), line);
            Assert.DoesNotMatch(CodeLeak(), line);
        }
    }

    /// <summary>Starts with a capital letter or digit, ends with a full stop, one space between words.</summary>
    [GeneratedRegex(@"^[A-Z0-9][^\r\n]*[a-z0-9)]\.$")]
    private static partial Regex PlainSentence();

    /// <summary>What a person should never read: ISO dates, braces, type or enum names, doubled spaces.</summary>
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}|[{}<>\[\]]|DateOnly|System\.|Nullable|EducationalRecord|AutomatedDecision|PauseReading|ComplaintReading|  ")]
    private static partial Regex CodeLeak();

    /// <summary>"2026-03-10..2026-03-12;2026-03-20..2026-03-20" as pauses.</summary>
    internal static ClarificationPause[] Pauses(string text) =>
    [
        .. text.Split(';').Select(p =>
        {
            var ends = p.Split("..");
            return new ClarificationPause(D(ends[0]), D(ends[1]));
        }),
    ];

    /// <summary>Count one-day pauses on every other day from the first.</summary>
    private static ClarificationPause[] DailyPauses(DateOnly first, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ClarificationPause(first.AddDays(2 * i), first.AddDays(2 * i)))];
}
