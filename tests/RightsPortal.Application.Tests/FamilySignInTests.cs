using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Features.Families;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Tests;

/// <summary>
/// Families sign in with a one-time emailed code and then see only their own requests.
/// Choice recorded here: an unknown address still gets a code row (so the work and the rate limit are the same for
/// every address) but no email; the answer is identical either way.
/// </summary>
public sealed class FamilySignInTests
{
    private const string Email = "pat.testparent@example.org";

    [Fact]
    public async Task A_known_address_is_sent_a_six_digit_code_that_is_stored_only_as_hashes()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());

        var answer = await app.AsPublic().SendAsync(new RequestSignInCodeCommand("  Pat.TestParent@Example.org "));

        Assert.Equal(new SignInCodeRequested(), answer);
        var code = await OutboxCodeAsync(app);
        Assert.Matches("^[0-9]{6}$", code);
        await using var db = app.Db();
        var message = await SignInMails(db).SingleAsync();
        Assert.Equal("sign-in-code", message.Kind);
        Assert.Equal("Your RightsPortal sign-in code", message.Subject);
        Assert.Equal(Email, message.To);
        Assert.Contains("It works for 15 minutes", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", message.Body, StringComparison.Ordinal); // no personal data beyond the code
        var row = await db.FamilySignInCodes.SingleAsync();
        Assert.Equal(FamilyEmail.Hash(Email), row.EmailHash);
        Assert.DoesNotContain(Email, row.EmailHash, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code, row.CodeHash, StringComparison.Ordinal);
        Assert.DoesNotContain(code, row.Salt, StringComparison.Ordinal);
        Assert.Equal(64, row.CodeHash.Length);
        Assert.Equal(PortalApp.DefaultNow.AddMinutes(15), row.ExpiresAt);

        // Nowhere in the database file holds the plain code.
        var dump = await DumpAsync(app);
        Assert.DoesNotContain(code, dump.Replace(message.Body, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_code_signs_in_once_and_returns_the_normalised_address()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());
        await app.AsPublic().SendAsync(new RequestSignInCodeCommand(Email));
        var code = await OutboxCodeAsync(app);

        var first = await app.SendAsync(new VerifySignInCodeCommand("PAT.testparent@example.org", code));
        var again = await app.SendAsync(new VerifySignInCodeCommand(Email, code));

        Assert.Equal(new SignInCodeCheck(true, Email), first);
        Assert.False(again.Verified);
        await using var db = app.Db();
        Assert.NotNull((await db.FamilySignInCodes.SingleAsync()).UsedAt);
    }

    [Fact]
    public async Task A_code_stops_working_after_15_minutes()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());
        await app.AsPublic().SendAsync(new RequestSignInCodeCommand(Email));
        var code = await OutboxCodeAsync(app);

        app.Clock.Advance(TimeSpan.FromMinutes(15));

        Assert.False((await app.SendAsync(new VerifySignInCodeCommand(Email, code))).Verified);
    }

    [Fact]
    public async Task A_code_still_works_just_before_it_expires()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());
        await app.AsPublic().SendAsync(new RequestSignInCodeCommand(Email));
        var code = await OutboxCodeAsync(app);

        app.Clock.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59));

        Assert.True((await app.SendAsync(new VerifySignInCodeCommand(Email, code))).Verified);
    }

    [Fact]
    public async Task Five_wrong_tries_kill_the_code_even_for_the_right_one_afterwards()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());
        await app.AsPublic().SendAsync(new RequestSignInCodeCommand(Email));
        var code = await OutboxCodeAsync(app);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            Assert.False((await app.SendAsync(new VerifySignInCodeCommand(Email, wrong))).Verified);
        }

        Assert.False((await app.SendAsync(new VerifySignInCodeCommand(Email, code))).Verified);
        await using var db = app.Db();
        var row = await db.FamilySignInCodes.SingleAsync();
        Assert.Equal(5, row.Attempts);
        Assert.Null(row.UsedAt);
    }

    [Fact]
    public async Task Four_wrong_tries_still_leave_the_right_code_working()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());
        await app.AsPublic().SendAsync(new RequestSignInCodeCommand(Email));
        var code = await OutboxCodeAsync(app);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 4; i++)
        {
            await app.SendAsync(new VerifySignInCodeCommand(Email, wrong));
        }

        Assert.True((await app.SendAsync(new VerifySignInCodeCommand(Email, code))).Verified);
    }

    [Fact]
    public async Task A_fourth_ask_within_15_minutes_answers_the_same_but_sends_no_code_and_one_later_does()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());
        app.AsPublic();

        var answers = new List<SignInCodeRequested>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await app.SendAsync(new RequestSignInCodeCommand(Email)));
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.All(answers, a => Assert.Equal(new SignInCodeRequested(), a));
        await using (var db = app.Db())
        {
            Assert.Equal(3, await SignInMails(db).CountAsync());
            Assert.Equal(3, await db.FamilySignInCodes.CountAsync());
        }

        app.Clock.Advance(TimeSpan.FromMinutes(12)); // the first ask is now more than 15 minutes ago
        await app.SendAsync(new RequestSignInCodeCommand(Email));
        await using (var db = app.Db())
        {
            Assert.Equal(4, await SignInMails(db).CountAsync());
        }
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_email()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());

        var answer = await app.AsPublic().SendAsync(new RequestSignInCodeCommand("nobody@example.org"));

        Assert.Equal(new SignInCodeRequested(), answer);
        await using var db = app.Db();
        Assert.Equal(0, await SignInMails(db).CountAsync());
        Assert.Equal(1, await db.FamilySignInCodes.CountAsync(c => c.EmailHash == FamilyEmail.Hash("nobody@example.org")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("two@@example.org")]
    public async Task A_badly_formed_address_is_a_validation_error(string email)
    {
        await using var app = await PortalApp.StartAsync();
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.AsPublic().SendAsync(new RequestSignInCodeCommand(email)));
        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(RequestSignInCodeCommand.Email));
    }

    [Fact]
    public async Task Only_the_newest_code_counts()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());
        await app.AsPublic().SendAsync(new RequestSignInCodeCommand(Email));
        var older = await OutboxCodeAsync(app);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.SendAsync(new RequestSignInCodeCommand(Email));
        var newer = await OutboxCodeAsync(app);

        if (older != newer)
        {
            Assert.False((await app.SendAsync(new VerifySignInCodeCommand(Email, older))).Verified);
        }

        Assert.True((await app.SendAsync(new VerifySignInCodeCommand(Email, newer))).Verified);
    }

    [Fact]
    public async Task A_code_for_one_address_does_not_sign_in_another()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest());
        await app.SendAsync(app.ValidAccessRequest() with { RequesterEmail = "sam.other@example.org" });
        await app.AsPublic().SendAsync(new RequestSignInCodeCommand(Email));
        var code = await OutboxCodeAsync(app);

        Assert.False((await app.SendAsync(new VerifySignInCodeCommand("sam.other@example.org", code))).Verified);
    }

    [Fact]
    public async Task My_requests_lists_only_requests_made_with_the_verified_address_whatever_its_case()
    {
        await using var app = await PortalApp.StartAsync();
        var mine = await app.SendAsync(app.ValidAccessRequest("STK"));
        var mineElsewhere = await app.SendAsync(app.ValidAccessRequest("BAR") with { RequesterEmail = "PAT.TestParent@example.org" });
        var theirs = await app.SendAsync(app.ValidAccessRequest("STK") with { RequesterEmail = "sam.other@example.org" });

        var list = await app.AsFamily(Email).SendAsync(new GetMyRequestsQuery());

        Assert.Equal(new[] { mine.Reference, mineElsewhere.Reference }.Order(), list.Select(r => r.Reference).Order());
        Assert.DoesNotContain(list, r => r.Reference == theirs.Reference);
        var stk = list.Single(r => r.Reference == mine.Reference);
        Assert.Equal("Received", stk.Status);
        Assert.Equal(mine.ReceivedOn, stk.ReceivedOn);
        Assert.Equal(mine.DueOn, stk.HearByOn);
        Assert.Equal("Stoke-on-Trent City Council", stk.OrganisationName);
    }

    [Fact]
    public async Task One_of_my_requests_shows_status_hear_by_date_and_why()
    {
        await using var app = await PortalApp.StartAsync();
        var mine = await app.SendAsync(app.ValidAccessRequest("STK"));

        var detail = await app.AsFamily(Email).SendAsync(new GetMyRequestQuery(mine.Reference.ToLowerInvariant()));

        Assert.Equal(mine.Reference, detail.Reference);
        Assert.Equal(RequestStatus.Received.Describe(), detail.Status);
        Assert.Equal(mine.DueOn, detail.HearByOn);
        Assert.Equal(["Received Mon 2 Mar 2026.", "One calendar month: Thu 2 Apr 2026."], detail.HearByExplanation); // Stoke's internal target is staff-only
        Assert.Contains(detail.Timeline, e => e.Who == "You");
    }

    [Fact]
    public async Task Another_familys_reference_is_not_found()
    {
        await using var app = await PortalApp.StartAsync();
        var theirs = await app.SendAsync(app.ValidAccessRequest("STK") with { RequesterEmail = "sam.other@example.org" });
        await app.SendAsync(app.ValidAccessRequest("STK"));

        await Assert.ThrowsAsync<NotFoundException>(() => app.AsFamily(Email).SendAsync(new GetMyRequestQuery(theirs.Reference)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.AsFamily(Email).SendAsync(new GetMyRequestQuery("STK-NOPE")));
    }

    [Fact]
    public async Task The_family_timeline_hides_the_teams_working_notes_and_names_no_staff()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest("STK"));
        var id = receipt.RequestId;
        app.AsCaseworker("STK");
        var v0 = (await app.SendAsync(new GetRequestDetailQuery(id))).Version;
        var s1 = await app.SendAsync(new RecordAuthorityCommand(id, v0, AuthorityKind.ParentalResponsibilityEvidenced, "Birth certificate seen", null));
        var s2 = await app.SendAsync(new RequestIdentityCommand(id, s1.Version, "Please send a copy of your passport"));
        var s3 = await app.SendAsync(new RecordIdentityReceivedCommand(id, s2.Version, new DateOnly(2026, 3, 2)));
        var s4 = await app.SendAsync(new AskServiceToSearchCommand(id, s3.Version, "Educational Psychology Service", "EP reports", new DateOnly(2026, 3, 20)));
        var task = (await app.SendAsync(new GetRequestDetailQuery(id))).Searches.Single();
        var s5 = await app.SendAsync(new RecordSearchFindingsCommand(id, s4.Version, task.Id, "Two reports"));
        var s6 = await app.SendAsync(new RecordDisclosureCommand(id, s5.Version, "EP report, 2024", Disposition.Disclosed, null, null));
        await app.SendAsync(new DraftResponseCommand(id, s6.Version, Outcome.Complied, "Both reports, in full"));
        var staffView = await app.SendAsync(new GetRequestDetailQuery(id));
        foreach (var kind in new[] { "Search findings", "Record listed", "Response drafted" })
        {
            Assert.Contains(staffView.Timeline, e => e.What == kind); // the staff see them, so hiding them is a real choice
        }

        var detail = await app.AsFamily(Email).SendAsync(new GetMyRequestQuery(receipt.Reference));

        var kinds = detail.Timeline.Select(e => e.What).ToList();
        Assert.Contains("Identity requested", kinds);
        foreach (var hidden in new[] { "Record listed", "Search requested", "Search findings", "Authority recorded", "Response drafted" })
        {
            Assert.DoesNotContain(hidden, kinds);
        }

        Assert.DoesNotContain(detail.Timeline, e => e.Detail.Contains("Two reports", StringComparison.Ordinal));
        Assert.All(detail.Timeline, e => Assert.Contains(e.Who, new[] { "You", FamilyTimeline.Team }));
        Assert.Equal("You", detail.Timeline.Single(e => e.What == "Received").Who);
        Assert.Contains(detail.Timeline, e => e.What == "Identity requested" && e.Who == FamilyTimeline.Team);
        Assert.DoesNotContain(detail.Timeline, e => e.Who.Contains("caseworker", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Staff_and_the_public_cannot_read_a_familys_requests()
    {
        await using var app = await PortalApp.StartAsync();
        var mine = await app.SendAsync(app.ValidAccessRequest("STK"));

        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new GetMyRequestsQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new GetMyRequestQuery(mine.Reference)));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsAdministrator().SendAsync(new GetMyRequestsQuery()));
    }

    /// <summary>Sign-in code emails only: submitting a request writes its own acknowledgement to the outbox.</summary>
    private static IQueryable<Mail.OutboxMessage> SignInMails(Data.PortalDb db) => db.Outbox.Where(m => m.Kind == SignInCodeRules.MailKind);

    private static async Task<string> OutboxCodeAsync(PortalApp app)
    {
        await using var db = app.Db();
        var body = (await SignInMails(db).OrderByDescending(m => m.CreatedAt).FirstAsync()).Body;
        return System.Text.RegularExpressions.Regex.Match(body, "[0-9]{6}", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Value;
    }

    /// <summary>Every text value in every table, to search for something that must not be stored.</summary>
    private static async Task<string> DumpAsync(PortalApp app)
    {
        await using var db = app.Db();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var tables = new List<string>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    // Text only: integer columns (instants as ticks) hold long digit runs by chance.
                    text.Append(reader.GetValue(i) as string).Append('|');
                }
            }
        }

        return text.ToString();
    }
}
