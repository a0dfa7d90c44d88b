using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Oversight.Dashboard;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Oversight;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>
/// The DPO's dashboard on a small dataset whose every figure is worked out by hand below. Today is Wed 15 Apr 2026
/// (UK). Stoke (STK) counts 20 working days as its internal target; five working days from today run to Wed 22 Apr.
/// Requests are built with the real domain (the real clock computes every date) and saved; the queries then go
/// through the real pipeline.
/// <code>
/// ref  right          channel      received          what happened                                            legal limit   target (20 WD)
///  A   access         web form     Mon 5 Jan         1 record disclosed; sent Fri 30 Jan (recorded Mon 2 Feb)   Thu 5 Feb    Mon 2 Feb
///  B   access         email        Mon 5 Jan         nothing held; sent Tue 3 Feb                              Thu 5 Feb    Mon 2 Feb
///  C   access         letter       Mon 5 Jan         search (EP, asked 6 Jan, due 12 Jan, answered 20 Jan);
///                                                    1 record withheld (serious harm); refused, sent Mon 9 Feb  Thu 5 Feb    Mon 2 Feb
///  D   rectification  phone        Thu 15 Jan        search (EHC writers, 16 Jan, due 23 Jan, answered 22 Jan);
///                                                    extended 20 Jan; correction refused, sent Tue 10 Mar      Wed 15 Apr   Thu 12 Feb
///  E   access         web form     Mon 2 Feb         search (SENMAS, 3 Feb, due 10 Feb, answered 9 Feb); paused
///                                                    Mon 9 - Fri 13 Feb (5 days); 1 disclosed, 1 redacted (third
///                                                    party), 1 withheld (serious harm); partly, sent Fri 6 Mar  Mon 9 Mar    Mon 9 Mar
///  G   complaint      email        Mon 2 Feb         answered, sent Fri 20 Feb                                 (acknowledge by Tue 3 Mar)
///  T   access         web form     Mon 2 Feb         complied, sent Fri 27 Feb; reopened for internal review today
///  F   access         in person    Mon 2 Mar         withdrawn Tue 10 Mar
///  J   access         email        Mon 9 Mar         in progress; search (EP, 12 Mar, due 20 Mar, unanswered)  Thu 9 Apr  -> overdue
///  K   access         web form     Tue 10 Mar        waiting for ID                                            (Fri 10 Apr, moves)
///  L   access         web form     Wed 11 Mar        paused since Fri 13 Mar                                   (Mon 13 Apr, moves)
///  M   erasure        letter       Thu 12 Mar        extended Fri 20 Mar, in progress                          Fri 12 Jun
///  I   access         web form     Sun 15 Mar        in progress                                               Wed 15 Apr -> due today
///  N   complaint      web form     Mon 16 Mar        not taken up                                              (acknowledge by Tue 14 Apr) -> late
///  P   complaint      email        Tue 17 Mar        taken up (in progress)                                    (acknowledge by Wed 15 Apr)
///  O   complaint      phone        Tue 24 Mar        not taken up                                              (acknowledge by Wed 22 Apr) -> due
///  H   access         social media Wed 1 Apr         in progress                                               Fri 1 May
///  Z   access         web form     Mon 1 Dec 2025    search (SENMAS, 2 Dec); complied, sent Fri 19 Dec (before the period)
/// Barnet (BAR): an access request received Mon 5 Jan and answered late on Mon 2 Mar, and one received Mon 2 Mar and
/// still open (limit Thu 2 Apr: overdue). Stoke's DPO must never count them.
/// </code>
/// </summary>
public sealed class OversightDashboardTests
{
    private static readonly DateTimeOffset Today = new(2026, 4, 15, 9, 0, 0, TimeSpan.Zero); // 10:00 BST

    private static readonly ReportMonth January = new(2026, 1);
    private static readonly ReportMonth April = new(2026, 4);

    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    [Fact]
    public async Task Requests_received_are_counted_by_month_right_and_channel()
    {
        await using var app = await SeededAsync();
        var f = await app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery(null, January, April));

        Assert.Equal(["Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026"], f.Period.Months.Select(m => m.Label));
        // Jan: A B C D = 4; Feb: E G T = 3; Mar: F J K L M I N P O = 9; Apr: H = 1 (Z was received in December).
        Assert.Equal([4, 3, 9, 1], f.ReceivedByMonth);
        // Access: Jan A B C, Feb E T, Mar F J K L I, Apr H = 3 + 2 + 5 + 1 = 11.
        AssertCounts(f.ReceivedByRight, "See the records held (subject access)", 3, 2, 5, 1);
        AssertCounts(f.ReceivedByRight, "Correct records that are wrong", 1, 0, 0, 0);
        AssertCounts(f.ReceivedByRight, "Delete records", 0, 0, 1, 0);
        // Complaints: G in Feb; N P O in Mar.
        AssertCounts(f.ReceivedByRight, "Complain about how data was handled", 0, 1, 3, 0);
        Assert.Equal(0, Counts(f.ReceivedByRight, "Object to how records are used").Total);
        Assert.Equal(17, f.ReceivedByRight.Sum(r => r.Total));

        // Web form: A | E T | K L I N = 1 2 4 0; email: B | G | J P = 1 1 2 0; letter: C | - | M; phone: D | - | O;
        // in person: F (Mar); social media: H (Apr). 7 + 4 + 2 + 2 + 1 + 1 = 17.
        AssertCounts(f.ReceivedByChannel, "Online form", 1, 2, 4, 0);
        AssertCounts(f.ReceivedByChannel, "Email", 1, 1, 2, 0);
        AssertCounts(f.ReceivedByChannel, "Letter", 1, 0, 1, 0);
        AssertCounts(f.ReceivedByChannel, "Phone", 1, 0, 1, 0);
        AssertCounts(f.ReceivedByChannel, "In person", 0, 0, 1, 0);
        AssertCounts(f.ReceivedByChannel, "Social media", 0, 0, 0, 1);
        Assert.Equal(17, f.ReceivedByChannel.Sum(r => r.Total));
    }

    [Fact]
    public async Task Responses_are_on_time_or_late_against_the_legal_limit_and_the_internal_target_in_the_month_they_were_sent()
    {
        await using var app = await SeededAsync();
        var f = await app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery(null, January, April));

        // Jan: A (sent 30 Jan, though recorded 2 Feb): on time, target met.
        Assert.Equal(new TimelinessRow(January, 1, 1, 0, 100, 1, 1, 0, 100, 25, 25), f.Timeliness[0]);
        // Feb: B (3 Feb <= 5 Feb, target 2 Feb missed, 29 days) and C (9 Feb > 5 Feb: late, 35 days).
        // Median of [29, 35]: rank ceil(1.0) = 1 -> 29; 90th: rank ceil(1.8) = 2 -> 35. T is under review: not counted.
        Assert.Equal(new TimelinessRow(new ReportMonth(2026, 2), 2, 1, 1, 50, 2, 0, 2, 0, 29, 35), f.Timeliness[1]);
        // Mar: D (10 Mar <= extended 15 Apr; target 12 Feb missed; 54 days) and E (6 Mar <= 9 Mar; target 9 Mar met; 32 days).
        Assert.Equal(new TimelinessRow(new ReportMonth(2026, 3), 2, 2, 0, 100, 2, 1, 1, 50, 32, 54), f.Timeliness[2]);
        Assert.Equal(new TimelinessRow(April, 0, 0, 0, null, 0, 0, 0, null, null, null), f.Timeliness[3]);
        // Whole period: 5 responses, 4 on time (80%), target met 2 of 5 (40%); days [25, 29, 32, 35, 54]:
        // median rank ceil(2.5) = 3 -> 32; 90th rank ceil(4.5) = 5 -> 54. The complaint G is not a response with a limit.
        Assert.Equal(new TimelinessRow(null, 5, 4, 1, 80, 5, 2, 3, 40, 32, 54), f.Timeliness[4]);
    }

    [Fact]
    public async Task Extensions_and_pauses_are_counted_on_the_responses_that_used_them()
    {
        await using var app = await SeededAsync();
        var f = await app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery(null, January, April));

        // D was extended (sent in Mar); E was paused 9-13 Feb, both days counted: 5 days (sent in Mar).
        // M is extended too, but still open: counted when it is answered.
        Assert.Equal(new TimeUsedRow(January, 1, 0, 0, 0), f.ExtensionsAndPauses[0]);
        Assert.Equal(new TimeUsedRow(new ReportMonth(2026, 2), 2, 0, 0, 0), f.ExtensionsAndPauses[1]);
        Assert.Equal(new TimeUsedRow(new ReportMonth(2026, 3), 2, 1, 1, 5), f.ExtensionsAndPauses[2]);
        Assert.Equal(new TimeUsedRow(null, 5, 1, 1, 5), f.ExtensionsAndPauses[4]);
    }

    [Fact]
    public async Task Outcomes_and_refusal_reasons_are_counted_by_the_month_the_response_was_sent()
    {
        await using var app = await SeededAsync();
        var f = await app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery(null, January, April));

        AssertCounts(f.Outcomes, "Complied in full", 1, 0, 0, 0);      // A
        AssertCounts(f.Outcomes, "Complied in part", 0, 0, 1, 0);      // E
        AssertCounts(f.Outcomes, "Refused", 0, 1, 1, 0);                        // C, D
        AssertCounts(f.Outcomes, "No records held", 0, 1, 0, 0);       // B
        AssertCounts(f.Outcomes, "Withdrawn", 0, 0, 1, 0);                    // F, 10 Mar
        AssertCounts(f.Outcomes, "Transferred to another organisation", 0, 0, 0, 0);

        // C withheld under serious harm (Feb); E redacted under third party and withheld under serious harm (Mar: counted
        // under both); D's correction was refused (Mar).
        Assert.Equal(["Correction refused", "Exemption: Information about other people", "Exemption: Serious harm"], f.RefusalReasons.Select(r => r.Label));
        AssertCounts(f.RefusalReasons, "Correction refused", 0, 0, 1, 0);
        AssertCounts(f.RefusalReasons, "Exemption: Information about other people", 0, 0, 1, 0);
        AssertCounts(f.RefusalReasons, "Exemption: Serious harm", 0, 1, 1, 0);
    }

    [Fact]
    public async Task Refusals_without_a_recorded_reason_and_whole_transfers_are_counted_too()
    {
        await using var app = await PortalApp.StartAsync(Today);
        // R1: an access request refused with no records listed (manifestly unfounded), sent Wed 4 Feb: no exemption to count.
        await AddAsync(app, "STK", Right.Access, Channel.Letter, D(1, 5), "R1", (r, on) =>
        {
            r.ProceedWithoutIdentity("Known", on(D(1, 5)));
            r.DraftResponse(Outcome.Refused, "Manifestly unfounded", on(D(2, 4)));
            r.Close(Outcome.Refused, D(2, 4), "The request is manifestly unfounded", on(D(2, 4)));
        });
        // R2: a correction made in part (decision "corrected", not a refusing one), sent Tue 3 Mar.
        await AddAsync(app, "STK", Right.Rectification, Channel.Email, D(2, 2), "R2", (r, on) =>
        {
            r.ProceedWithoutIdentity("Known", on(D(2, 2)));
            r.Decide(DecisionKind.Corrected, "The address was wrong; the opinion stays", "Not shared with anyone", [], null, on(D(3, 2)));
            r.DraftResponse(Outcome.PartlyComplied, "Address corrected", on(D(3, 3)));
            r.Close(Outcome.PartlyComplied, D(3, 3), "The opinion is recorded as an opinion", on(D(3, 3)));
        });
        // R3: received by Stoke on Mon 2 Feb and transferred whole to Barnet on Tue 10 Feb, where it arrives that day.
        await using (var db = app.Db())
        {
            var portalClock = app.Services.GetRequiredService<PortalClock>();
            var (stk, stkCalculator) = await portalClock.ForOrganisationAsync(db, app.OrganisationId("STK"), default);
            var (bar, barCalculator) = await portalClock.ForOrganisationAsync(db, app.OrganisationId("BAR"), default);
            var at = new DateTimeOffset(2026, 2, 10, 10, 0, 0, TimeSpan.Zero);
            var sent = RightsRequest.Receive(app.OrganisationId("STK"), Ref("R3"), Guid.NewGuid(), Right.Access, Channel.WebForm,
                new RequestParties(RequesterRole.ParentCarer, "Pat Testparent", "pat@example.org", "Ada Testchild", new DateOnly(2014, 3, 27), null),
                app.CategoryCodes("STK").Take(1), null, D(2, 2), at, D(2, 2), stkCalculator, stk);
            var arrived = RightsRequest.ReceiveTransfer(sent, "Stoke-on-Trent City Council", app.OrganisationId("BAR"), Ref("R3", "BAR"),
                app.CategoryCodes("BAR").Take(1), null, new CaseContext("caseworker-BAR", at, D(2, 10), barCalculator, bar));
            sent.TransferTo(arrived, "London Borough of Barnet", wholeRequest: true, null, "The child lives in Barnet",
                new CaseContext("caseworker-STK", at, D(2, 10), stkCalculator, stk));
            db.Requests.AddRange(sent, arrived);
            await db.SaveChangesAsync();
        }

        var f = await app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery(null, January, April));
        AssertCounts(f.RefusalReasons, GetDashboardFiguresHandler.LetterOnly, 0, 1, 1, 0);
        Assert.Single(f.RefusalReasons);
        AssertCounts(f.Outcomes, "Refused", 0, 1, 0, 0);
        AssertCounts(f.Outcomes, "Complied in part", 0, 0, 1, 0);
        AssertCounts(f.Outcomes, "Transferred to another organisation", 0, 1, 0, 0);
        Assert.Equal(2, f.Timeliness[^1].Responded); // a transfer out is not a response

        var barnet = await app.AsDpo("BAR").SendAsync(new GetDashboardFiguresQuery(null, January, April));
        AssertCounts(barnet.ReceivedByChannel, "Transferred from another organisation", 0, 1, 0, 0);
        Assert.Equal([0, 1, 0, 0], barnet.ReceivedByMonth);
    }

    [Fact]
    public async Task Complaints_and_internal_reviews_are_counted_by_month()
    {
        await using var app = await SeededAsync();
        var f = await app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery(null, January, April));

        // Received: G (Feb), N P O (Mar). Answered: G on 20 Feb. Reviews: T reopened today (Apr).
        Assert.Equal(new ComplaintsRow(January, 0, 0, 0), f.ComplaintsAndReviews[0]);
        Assert.Equal(new ComplaintsRow(new ReportMonth(2026, 2), 1, 1, 0), f.ComplaintsAndReviews[1]);
        Assert.Equal(new ComplaintsRow(new ReportMonth(2026, 3), 3, 0, 0), f.ComplaintsAndReviews[2]);
        Assert.Equal(new ComplaintsRow(April, 0, 0, 1), f.ComplaintsAndReviews[3]);
        Assert.Equal(new ComplaintsRow(null, 4, 1, 1), f.ComplaintsAndReviews[4]);
    }

    [Fact]
    public async Task Searches_asked_in_the_period_are_counted_by_service_with_what_became_of_them()
    {
        await using var app = await SeededAsync();
        var f = await app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery(null, January, April));

        // EP: C's (answered 20 Jan, after 12 Jan: late) and J's (unanswered). EHC writers: D's, on time. SENMAS: E's, on time;
        // Z's SENMAS search was asked in December, outside the period.
        Assert.Equal(
            [
                new SearchServiceRow("EHC plan writers", 1, 1, 0, 0),
                new SearchServiceRow("Educational Psychology Service", 2, 1, 1, 1),
                new SearchServiceRow("SENMAS casework team", 1, 1, 0, 0),
            ],
            f.SearchesByService);
    }

    [Fact]
    public async Task A_past_period_counts_a_response_in_the_month_it_was_sent_even_when_recorded_in_the_next()
    {
        await using var app = await SeededAsync();
        var f = await app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery(null, January, January));

        // January alone ends on 31 Jan: A was sent on 30 Jan and recorded on 2 Feb, so it is January's.
        Assert.Equal(new ReportMonth(2026, 1), Assert.Single(f.Period.Months));
        Assert.Equal(D(1, 31), f.Period.EndOn);
        Assert.Equal(new TimelinessRow(null, 1, 1, 0, 100, 1, 1, 0, 100, 25, 25), f.Timeliness[^1]);
        Assert.Equal([4], f.ReceivedByMonth);
        // The searches asked in January: C's (EP) and D's (EHC writers).
        Assert.Equal(["EHC plan writers", "Educational Psychology Service"], f.SearchesByService.Select(s => s.Service));
    }

    [Fact]
    public async Task By_default_the_figures_cover_the_last_twelve_months_ending_today()
    {
        await using var app = await SeededAsync();
        var f = await app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery());

        Assert.Equal(new ReportMonth(2025, 5), f.Period.From);
        Assert.Equal(April, f.Period.To);
        Assert.Equal(D(4, 15), f.Period.EndOn);
        Assert.Equal("Stoke-on-Trent City Council", f.Scope);
        // Z (received and answered in December 2025) is now inside: 18 received, 6 responses.
        Assert.Equal(18, f.ReceivedByMonth.Sum());
        Assert.Equal(1, f.ReceivedByMonth[7]); // Dec 2025
        Assert.Equal(6, f.Timeliness[^1].Responded);
    }

    [Fact]
    public async Task A_dpo_never_sees_another_organisations_figures_and_is_refused_if_they_ask()
    {
        await using var app = await SeededAsync();

        // Barnet's DPO sees only Barnet: one received in Jan and one in Mar; one response, late (sent 2 Mar, limit 5 Feb).
        var barnet = await app.AsDpo("BAR").SendAsync(new GetDashboardFiguresQuery(null, January, April));
        Assert.Equal("London Borough of Barnet", barnet.Scope);
        Assert.Equal([1, 0, 1, 0], barnet.ReceivedByMonth);
        Assert.Equal(new TimelinessRow(null, 1, 0, 1, 0, 1, 0, 1, 0, 56, 56), barnet.Timeliness[^1]);
        Assert.Empty(barnet.SearchesByService);

        // Naming their own organisation is the same as naming none; naming another is refused, not quietly narrowed.
        var own = await app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery("stk", January, April));
        Assert.Equal(17, own.ReceivedByMonth.Sum());
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery("BAR", January, April)));
        Assert.Contains("own organisation", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsDpo("STK").SendAsync(new GetAtAGlanceQuery("BAR")));

        var glance = await app.AsDpo("STK").SendAsync(new GetAtAGlanceQuery());
        Assert.All(glance.Lists.SelectMany(l => l.Rows), r => Assert.Equal("STK", r.Organisation));
        Assert.DoesNotContain(glance.Lists.SelectMany(l => l.Rows), r => r.Reference.StartsWith("BAR-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_a_dpo_or_an_administrator_may_see_the_dashboard()
    {
        await using var app = await SeededAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new GetDashboardFiguresQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new GetAtAGlanceQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new GetDashboardFiguresQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsFamily("pat@example.org").SendAsync(new GetAtAGlanceQuery()));
        app.Actor.SignIn("dpo-unlinked", null, Roles.Dpo);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetDashboardFiguresQuery()));
    }

    [Fact]
    public async Task An_administrator_sees_every_organisation_together_or_one_by_its_code()
    {
        await using var app = await SeededAsync();

        var all = await app.AsAdministrator().SendAsync(new GetDashboardFiguresQuery(null, January, April));
        Assert.Equal("All organisations", all.Scope);
        // Stoke's 4 3 9 1 plus Barnet's 1 0 1 0.
        Assert.Equal([5, 3, 10, 1], all.ReceivedByMonth);
        // Stoke's five responses plus Barnet's late one in March: 6, 4 on time; days [25 29 32 35 54 56]: median rank 3 -> 32, 90th rank ceil(5.4) = 6 -> 56.
        Assert.Equal(new TimelinessRow(null, 6, 4, 2, 67, 6, 2, 4, 33, 32, 56), all.Timeliness[^1]);

        var barnet = await app.AsAdministrator().SendAsync(new GetDashboardFiguresQuery("BAR", January, April));
        Assert.Equal("London Borough of Barnet", barnet.Scope);
        Assert.Equal([1, 0, 1, 0], barnet.ReceivedByMonth);

        await Assert.ThrowsAsync<NotFoundException>(() => app.AsAdministrator().SendAsync(new GetDashboardFiguresQuery("XYZ")));

        var glance = await app.AsAdministrator().SendAsync(new GetAtAGlanceQuery());
        Assert.True(glance.SeveralOrganisations);
        Assert.False(glance.CanOpenCases); // administrators do not open families' cases
        Assert.Equal(["BAR", "STK"], glance["overdue"].Rows.Select(r => r.Organisation).Order());
    }

    [Theory]
    [InlineData(2026, 5, 2026, 5)]   // the future
    [InlineData(2026, 3, 2026, 2)]   // ends before it starts
    [InlineData(2023, 4, 2026, 4)]   // 37 months
    public async Task A_period_in_the_future_backwards_or_too_long_is_refused_with_a_reason(int fromYear, int fromMonth, int toYear, int toMonth)
    {
        await using var app = await PortalApp.StartAsync(Today);
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery(null, new ReportMonth(fromYear, fromMonth), new ReportMonth(toYear, toMonth))));
        Assert.NotEmpty(refused.Errors);
    }

    [Fact]
    public async Task At_a_glance_lists_what_is_due_soon_overdue_paused_extended_and_waiting()
    {
        await using var app = await SeededAsync();
        var g = await app.AsDpo("STK").SendAsync(new GetAtAGlanceQuery());

        Assert.Equal(D(4, 15), g.Today);
        Assert.True(g.CanOpenCases);
        Assert.False(g.SeveralOrganisations);
        // I is due today (not overdue: the limit is the end of the day). H (1 May) and M (12 Jun) are further off.
        var dueSoon = g["due-soon"];
        Assert.Equal(1, dueSoon.Total);
        Assert.Equal((Ref("I"), 0), (dueSoon.Rows[0].Reference, dueSoon.Rows[0].DaysLeft));
        // J passed its limit on Thu 9 Apr: 6 days ago. K (waiting for ID), L (paused) and T (reopened for review) have
        // passed their dates too, but their limits move or have been met, so they are not overdue.
        var overdue = Assert.Single(g["overdue"].Rows);
        Assert.Equal((Ref("J"), -6, D(4, 9)), (overdue.Reference, overdue.DaysLeft, overdue.DueOn));
        var paused = Assert.Single(g["paused"].Rows);
        Assert.Equal((Ref("L"), D(3, 13)), (paused.Reference, paused.Since));
        var extended = Assert.Single(g["extended"].Rows);
        Assert.Equal((Ref("M"), D(3, 20), D(6, 12)), (extended.Reference, extended.Since, extended.DueOn));
        Assert.Equal([Ref("K")], g["awaiting-id"].Rows.Select(r => r.Reference));
        // Complaints not taken up: N's 30 days ended Tue 14 Apr; O's end Wed 22 Apr, the fifth working day. P was taken up.
        Assert.Equal([(Ref("N"), -1)], g["complaints-overdue"].Rows.Select(r => (r.Reference, r.DaysLeft)));
        Assert.Equal([(Ref("O"), 7)], g["complaints-due-soon"].Rows.Select(r => (r.Reference, r.DaysLeft)));
        Assert.Equal(0, g["educational-records-due-soon"].Total);
        Assert.Equal(0, g["educational-records-overdue"].Total);
    }

    [Fact]
    public async Task A_list_shows_its_first_rows_soonest_limit_first_and_counts_them_all()
    {
        await using var app = await SeededAsync();
        // Three more overdue requests received on Mon 2, Tue 3 and Wed 4 Mar: limits Thu 2 Apr, then Fri 3 Apr (Good Friday)
        // and Sat 4 Apr both roll past Easter Monday to Tue 7 Apr. With J (Thu 9 Apr) that is four; the first two by limit,
        // then reference, are X2 and X3.
        foreach (var day in new[] { 2, 3, 4 })
        {
            await AddAsync(app, "STK", Right.Access, Channel.Email, D(3, day), "X" + day, (r, on) => r.ProceedWithoutIdentity("Known family", on(D(3, day))));
        }

        var g = await app.AsDpo("STK").SendAsync(new GetAtAGlanceQuery(RowsPerList: 2));

        Assert.Equal(4, g["overdue"].Total);
        Assert.Equal([(Ref("X2"), D(4, 2)), (Ref("X3"), D(4, 7))], g["overdue"].Rows.Select(r => (r.Reference, r.DueOn)));
    }

    [Fact]
    public async Task Five_working_days_follow_the_organisations_bank_holidays()
    {
        // Today Thu 2 Apr 2026: Good Friday 3 Apr and Easter Monday 6 Apr are not working days, so the fifth working
        // day is Mon 13 Apr. A request due Mon 13 Apr is due soon; one due Tue 14 Apr is not.
        await using var app = await PortalApp.StartAsync(new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.Zero));
        await AddAsync(app, "STK", Right.Access, Channel.Email, D(3, 13), "EDGE", (r, on) => r.ProceedWithoutIdentity("Known", on(D(3, 13))));
        await AddAsync(app, "STK", Right.Access, Channel.Email, D(3, 14), "BEYOND", (r, on) => r.ProceedWithoutIdentity("Known", on(D(3, 16))));

        var g = await app.AsDpo("STK").SendAsync(new GetAtAGlanceQuery());

        // 13 Mar -> 13 Apr (Mon); 14 Mar (Sat) -> 14 Apr (Tue).
        Assert.Equal([(Ref("EDGE"), D(4, 13), 11)], g["due-soon"].Rows.Select(r => (r.Reference, r.DueOn, r.DaysLeft)));
    }

    [Fact]
    public async Task A_schools_educational_record_requests_are_listed_by_their_15_school_days()
    {
        await using var app = await PortalApp.StartAsync(Today);
        // Hursthead's demo calendar: spring term to Fri 27 Mar, summer term from Mon 13 Apr. Counting from the day after
        // receipt: Wed 18 Mar -> 19 20 23 24 25 26 27 Mar (7), 13 14 15 16 17 20 21 22 Apr (15) = Wed 22 Apr, the fifth
        // working day from today; Mon 9 Mar -> 10..13, 16..20, 23..27 Mar (14), Mon 13 Apr (15): two days ago.
        var soon = await AddAsync(app, "HHJ", Right.EducationalRecord, Channel.Letter, D(3, 18), "SOON", (r, on) => r.ProceedWithoutIdentity("Known parent", on(D(3, 18))));
        var late = await AddAsync(app, "HHJ", Right.EducationalRecord, Channel.Letter, D(3, 9), "LATE", (r, on) => r.ProceedWithoutIdentity("Known parent", on(D(3, 9))));
        Assert.Equal(D(4, 22), soon.DueOn);
        Assert.Equal(D(4, 13), late.DueOn);

        var g = await app.AsDpo("HHJ").SendAsync(new GetAtAGlanceQuery());

        Assert.Equal([(Ref("SOON", "HHJ"), 7)], g["educational-records-due-soon"].Rows.Select(r => (r.Reference, r.DaysLeft)));
        Assert.Equal([(Ref("LATE", "HHJ"), -2)], g["educational-records-overdue"].Rows.Select(r => (r.Reference, r.DaysLeft)));
        Assert.Equal(0, g["overdue"].Total); // not mixed with the one-month clock
    }

    [Fact]
    public async Task The_internal_review_count_reads_the_audit_row_the_reopen_command_writes()
    {
        // Guards the audit action the figure looks for against a renamed command: T was reopened through the pipeline.
        Assert.Equal(nameof(ReopenForReviewCommand), GetDashboardFiguresHandler.ReopenedForReview);
        await using var app = await SeededAsync();
        await using var db = app.Db();
        var t = await db.Requests.AsNoTracking().SingleAsync(r => r.Reference == Ref("T"));
        Assert.Equal(RequestStatus.InProgress, t.Status);
        var audit = Assert.Single(await db.AuditEvents.AsNoTracking().Where(e => e.RequestId == t.Id && e.Action == GetDashboardFiguresHandler.ReopenedForReview).ToListAsync());
        Assert.Equal(("Succeeded", app.OrganisationId("STK")), (audit.Outcome, audit.OrganisationId));
        Assert.Contains(t.Events, e => e.Kind == "Reopened for internal review");
    }

    [Fact]
    public async Task A_refused_reopening_is_not_an_internal_review()
    {
        // Reopening a case that is not closed is refused (and audited as refused): it does not count.
        await using var app = await SeededAsync();
        var j = await app.AsDpo("STK").SendAsync(new GetQueueQuery(Status: RequestStatus.InProgress, PageSize: 100));
        var open = j.Rows.First(r => r.Reference == Ref("J"));
        var version = (await app.SendAsync(new GetRequestDetailQuery(open.Id))).Version;
        await Assert.ThrowsAsync<RightsPortal.Domain.DomainRuleException>(() => app.SendAsync(new ReopenForReviewCommand(open.Id, version, "Not closed yet")));

        var f = await app.SendAsync(new GetDashboardFiguresQuery(null, January, April));
        Assert.Equal(1, f.ComplaintsAndReviews[^1].InternalReviewsStarted); // T only
    }

    [Fact]
    public void Every_exemption_has_its_own_bit_in_the_refusal_query()
    {
        Assert.Equal(Enum.GetValues<Exemption>(), GetDashboardFiguresHandler.ExemptionBits);
    }

    [Fact]
    public async Task Every_table_exports_the_figures_it_shows()
    {
        await using var app = await SeededAsync();
        var f = await app.AsDpo("STK").SendAsync(new GetDashboardFiguresQuery(null, January, April));
        var tables = DashboardTables.Of(f);

        Assert.Equal(DashboardTables.FigureKeys, tables.Select(t => t.Key));
        var timeliness = tables.Single(t => t.Key == DashboardTables.Timeliness);
        Assert.Equal(["Whole period", "5", "4", "1", "80", "5", "2", "3", "40", "32", "54"], timeliness.Rows[^1]);
        Assert.Equal(["Apr 2026", "0", "0", "0", null, "0", "0", "0", null, null, null], timeliness.Rows[3]);
        var byRight = tables.Single(t => t.Key == DashboardTables.ReceivedByRight);
        Assert.Equal(["Right", "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "Total"], byRight.Columns);
        Assert.Equal(["All requests", "4", "3", "9", "1", "17"], byRight.Rows[^1]);
        var searches = tables.Single(t => t.Key == DashboardTables.SearchesByService);
        Assert.Equal(["All services", "4", "3", "1", "1"], searches.Rows[^1]);

        var g = await app.AsDpo("STK").SendAsync(new GetAtAGlanceQuery());
        Assert.Equal(DashboardTables.GlanceKeys, g.Lists.Select(l => l.Key));
        var overdue = DashboardTables.Of(g["overdue"], withOrganisation: false);
        Assert.Equal(["Reference", "Right", "Status", "Received", "Legal limit", "Days left", "Days overdue"], overdue.Columns);
        Assert.Equal([Ref("J"), "See the records held (subject access)", "In progress", "2026-03-09", "2026-04-09", null, "6"], overdue.Rows[0]);
    }

    private static string Ref(string name, string code = "STK") => $"{code}-2026-{name}";

    private static CountRow Counts(IReadOnlyList<CountRow> rows, string label) => rows.Single(r => r.Label == label);

    /// <summary>The row's count in each month, and its total as their sum.</summary>
    private static void AssertCounts(IReadOnlyList<CountRow> rows, string label, params int[] byMonth)
    {
        var row = Counts(rows, label);
        Assert.Equal(byMonth, row.ByMonth);
        Assert.Equal(byMonth.Sum(), row.Total);
    }

    /// <summary>The dataset in the summary, with today Wed 15 Apr 2026.</summary>
    private static async Task<PortalApp> SeededAsync()
    {
        var app = await PortalApp.StartAsync(Today);
        const string known = "Details match our records";

        await AddAsync(app, "STK", Right.Access, Channel.WebForm, D(1, 5), "A", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(1, 5)));
            r.RecordDisclosure("EHC plan, final", Disposition.Disclosed, null, null, on(D(1, 28)));
            r.DraftResponse(Outcome.Complied, "Copy of the EHC plan", on(D(1, 30)));
            r.Close(Outcome.Complied, D(1, 30), null, on(D(2, 2)));
        });
        await AddAsync(app, "STK", Right.Access, Channel.Email, D(1, 5), "B", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(1, 5)));
            r.DraftResponse(Outcome.NothingHeld, "We hold nothing about the child", on(D(2, 3)));
            r.Close(Outcome.NothingHeld, D(2, 3), null, on(D(2, 3)));
        });
        await AddAsync(app, "STK", Right.Access, Channel.Letter, D(1, 5), "C", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(1, 5)));
            var search = r.AskServiceToSearch("Educational Psychology Service", "EP reports", D(1, 12), on(D(1, 6)));
            r.RecordSearchFindings(search.Id, "One report", on(D(1, 20)));
            r.RecordDisclosure("EP report", Disposition.Withheld, Exemption.SeriousHarm, "Would cause serious harm", on(D(2, 6)));
            r.DraftResponse(Outcome.Refused, "Withheld", on(D(2, 9)));
            r.Close(Outcome.Refused, D(2, 9), "Serious harm", on(D(2, 9)));
        });
        await AddAsync(app, "STK", Right.Rectification, Channel.Phone, D(1, 15), "D", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(1, 15)));
            var search = r.AskServiceToSearch("EHC plan writers", "The plan's wording", D(1, 23), on(D(1, 16)));
            r.Extend("Records held by four services", on(D(1, 20)));
            r.RecordSearchFindings(search.Id, "Plan found", on(D(1, 22)));
            r.Decide(DecisionKind.RectificationRefused, "The record is an opinion recorded as an opinion", null, [], null, on(D(3, 9)));
            r.DraftResponse(Outcome.Refused, "Not corrected", on(D(3, 10)));
            r.Close(Outcome.Refused, D(3, 10), "An opinion is not inaccurate", on(D(3, 10)));
        });
        await AddAsync(app, "STK", Right.Access, Channel.WebForm, D(2, 2), "E", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(2, 2)));
            var search = r.AskServiceToSearch("SENMAS casework team", "Case file", D(2, 10), on(D(2, 3)));
            r.PauseForClarification(D(2, 9), "Which years?", on(D(2, 9)));
            r.RecordSearchFindings(search.Id, "Case file found", on(D(2, 9)));
            r.ClarificationAnswered(D(2, 13), on(D(2, 13)));
            r.RecordDisclosure("Annual review", Disposition.Disclosed, null, null, on(D(3, 2)));
            r.RecordDisclosure("Letter naming another child", Disposition.Redacted, Exemption.ThirdParty, "Another child", on(D(3, 2)));
            r.RecordDisclosure("Psychiatric report", Disposition.Withheld, Exemption.SeriousHarm, "Serious harm", on(D(3, 2)));
            r.DraftResponse(Outcome.PartlyComplied, "Most records", on(D(3, 6)));
            r.Close(Outcome.PartlyComplied, D(3, 6), "Redacted and withheld", on(D(3, 6)));
        });
        await AddAsync(app, "STK", Right.Complaint, Channel.Email, D(2, 2), "G", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(2, 2)));
            r.DraftResponse(Outcome.Complied, "Complaint upheld", on(D(2, 20)));
            r.Close(Outcome.Complied, D(2, 20), null, on(D(2, 20)));
        });
        var t = await AddAsync(app, "STK", Right.Access, Channel.WebForm, D(2, 2), "T", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(2, 2)));
            r.RecordDisclosure("School report", Disposition.Disclosed, null, null, on(D(2, 20)));
            r.DraftResponse(Outcome.Complied, "Everything", on(D(2, 27)));
            r.Close(Outcome.Complied, D(2, 27), null, on(D(2, 27)));
        });
        await AddAsync(app, "STK", Right.Access, Channel.InPerson, D(3, 2), "F", (r, on) => r.Withdraw("The parent no longer needs it", on(D(3, 10))));
        await AddAsync(app, "STK", Right.Access, Channel.Email, D(3, 9), "J", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(3, 9)));
            r.AskServiceToSearch("Educational Psychology Service", "EP notes", D(3, 20), on(D(3, 12)));
        });
        await AddAsync(app, "STK", Right.Access, Channel.WebForm, D(3, 10), "K", (r, on) => r.RequestIdentity("Address does not match", on(D(3, 10))));
        await AddAsync(app, "STK", Right.Access, Channel.WebForm, D(3, 11), "L", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(3, 11)));
            r.PauseForClarification(D(3, 13), "Which child?", on(D(3, 13)));
        });
        await AddAsync(app, "STK", Right.Erasure, Channel.Letter, D(3, 12), "M", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(3, 12)));
            r.Extend("Records held by several services", on(D(3, 20)));
        });
        await AddAsync(app, "STK", Right.Access, Channel.WebForm, D(3, 15), "I", (r, on) => r.ProceedWithoutIdentity(known, on(D(3, 16))));
        await AddAsync(app, "STK", Right.Complaint, Channel.WebForm, D(3, 16), "N");
        await AddAsync(app, "STK", Right.Complaint, Channel.Email, D(3, 17), "P", (r, on) => r.ProceedWithoutIdentity(known, on(D(3, 17))));
        await AddAsync(app, "STK", Right.Complaint, Channel.Phone, D(3, 24), "O");
        await AddAsync(app, "STK", Right.Access, Channel.SocialMedia, D(4, 1), "H", (r, on) => r.ProceedWithoutIdentity(known, on(D(4, 1))));
        await AddAsync(app, "STK", Right.Access, Channel.WebForm, D(12, 1, 2025), "Z", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(12, 1, 2025)));
            var search = r.AskServiceToSearch("SENMAS casework team", "Case file", D(12, 9, 2025), on(D(12, 2, 2025)));
            r.RecordSearchFindings(search.Id, "Found", on(D(12, 5, 2025)));
            r.RecordDisclosure("Case file", Disposition.Disclosed, null, null, on(D(12, 18, 2025)));
            r.DraftResponse(Outcome.Complied, "Everything", on(D(12, 19, 2025)));
            r.Close(Outcome.Complied, D(12, 19, 2025), null, on(D(12, 19, 2025)));
        });

        await AddAsync(app, "BAR", Right.Access, Channel.WebForm, D(1, 5), "BA", (r, on) =>
        {
            r.ProceedWithoutIdentity(known, on(D(1, 5)));
            r.RecordDisclosure("SEN file", Disposition.Disclosed, null, null, on(D(3, 2)));
            r.DraftResponse(Outcome.Complied, "Everything", on(D(3, 2)));
            r.Close(Outcome.Complied, D(3, 2), null, on(D(3, 2)));
        });
        await AddAsync(app, "BAR", Right.Access, Channel.Email, D(3, 2), "BB", (r, on) => r.ProceedWithoutIdentity(known, on(D(3, 2))));

        // T's family asks for an internal review today, through the real command.
        var version = (await app.AsDpo("STK").SendAsync(new GetRequestDetailQuery(t.Id))).Version;
        await app.SendAsync(new ReopenForReviewCommand(t.Id, version, "The family asks for the withheld pages to be reviewed"));
        return app;
    }

    /// <summary>Receives a request with the real domain and the organisation's real clock, runs its story, and saves it.</summary>
    private static async Task<RightsRequest> AddAsync(
        PortalApp app, string code, Right right, Channel channel, DateOnly receivedOn, string name, Action<RightsRequest, Func<DateOnly, CaseContext>>? story = null)
    {
        await using var db = app.Db();
        var (settings, calculator) = await app.Services.GetRequiredService<PortalClock>().ForOrganisationAsync(db, app.OrganisationId(code), default);
        CaseContext On(DateOnly day) => new("caseworker-" + code, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), day, calculator, settings);
        var request = RightsRequest.Receive(
            app.OrganisationId(code),
            Ref(name, code),
            Guid.NewGuid(),
            right,
            channel,
            new RequestParties(RequesterRole.ParentCarer, "Pat Testparent", "pat@example.org", "Ada Testchild", new DateOnly(2014, 3, 27), null),
            app.CategoryCodes(code).Take(1),
            null,
            receivedOn,
            On(receivedOn).At,
            receivedOn,
            calculator,
            settings);
        story?.Invoke(request, On);
        db.Requests.Add(request);
        await db.SaveChangesAsync();
        return request;
    }
}
