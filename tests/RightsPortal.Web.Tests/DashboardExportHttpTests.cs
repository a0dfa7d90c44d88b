using System.Net;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application;
using RightsPortal.Application.Seeding;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Web.Tests;

/// <summary>
/// The oversight dashboard and its CSV export over HTTP, signed in as the demo staff. Dates are relative to the real
/// today: Stoke has an access request received 60 days ago and still in progress (overdue), and one received 20 days
/// ago whose services were asked to search under names a spreadsheet would run as formulas; Barnet has one too.
/// </summary>
public sealed class DashboardExportHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example\",\"Click\")";
    private const string Sum = "+SUM(1,2)";
    private const string Plain = "Sensory Teams";
    private const string BarnetOnly = "@Barnet only";

    [Theory]
    [InlineData("/oversight")]
    [InlineData("/oversight/export/timeliness.csv")]
    [InlineData("/oversight/export/overdue.csv")]
    public async Task Anyone_not_signed_in_is_sent_to_sign_in(string path)
    {
        var response = await portal.Browser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/oversight")]
    [InlineData("/oversight/export/timeliness.csv")]
    public async Task A_caseworker_is_refused(string path)
    {
        var client = portal.Browser();
        await SignInAsync(client, "caseworker.stk@rightsportal.test");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dpo_opens_the_dashboard_from_the_staff_menu()
    {
        var client = portal.Browser();
        await SignInAsync(client, "dpo.stk@rightsportal.test");

        var response = await client.GetAsync("/oversight");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("Oversight", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/oversight\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dpos_export_is_their_organisations_table_as_csv_with_formulas_neutralised()
    {
        await SeedAsync();
        var client = portal.Browser();
        await SignInAsync(client, "dpo.stk@rightsportal.test");

        var response = await client.GetAsync("/oversight/export/searches-by-service.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var thisMonth = TimeProvider.System.UkToday();
        var from = thisMonth.AddMonths(-11);
        Assert.Equal($"searches-by-service-stk-{from:yyyy-MM}-to-{thisMonth:yyyy-MM}.csv", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 mark, so spreadsheets read it as UTF-8

        var lines = Lines(await response.Content.ReadAsStringAsync());
        Assert.Equal("Service,Searches asked,Answered,Answered late,Not yet answered", lines[0]);
        // Sorted by name: "+SUM..." < "=HYPERLINK..." < "Sensory Teams". Each formula starts with an apostrophe; a cell with a
        // comma or quote is quoted, quotes doubled.
        Assert.Equal(
            [
                "\"'+SUM(1,2)\",1,1,0,0",
                "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",1,0,0,1",
                "Sensory Teams,1,1,1,0",
                "All services,3,2,1,1",
            ],
            lines[1..]);
        Assert.DoesNotContain("Barnet", string.Join('\n', lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dpo_asking_for_another_organisations_figures_is_forbidden()
    {
        await SeedAsync();
        var client = portal.Browser();
        await SignInAsync(client, "dpo.stk@rightsportal.test");

        var figures = await client.GetAsync("/oversight/export/searches-by-service.csv?org=BAR");
        var glance = await client.GetAsync("/oversight/export/overdue.csv?org=BAR");

        Assert.Equal(HttpStatusCode.Forbidden, figures.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, glance.StatusCode);
        Assert.DoesNotContain(BarnetOnly, await figures.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_exports_one_organisation_or_all_of_them()
    {
        await SeedAsync();
        var client = portal.Browser();
        await SignInAsync(client, "admin@rightsportal.test");

        var barnet = Lines(await client.GetStringAsync("/oversight/export/searches-by-service.csv?org=BAR"));
        Assert.Equal(["'@Barnet only,1,0,0,1", "All services,1,0,0,1"], barnet[1..]);

        var all = Lines(await client.GetStringAsync("/oversight/export/searches-by-service.csv"));
        Assert.Equal("All services,4,2,1,2", all[^1]);

        var overdue = Lines(await client.GetStringAsync("/oversight/export/overdue.csv"));
        Assert.Equal("Reference,Organisation,Right,Status,Received,Legal limit,Days left,Days overdue", overdue[0]);
        Assert.Contains(overdue, l => l.StartsWith("STK-2026-EXPLATE,STK,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_list_at_a_glance_exports_every_row_with_iso_dates()
    {
        await SeedAsync();
        var client = portal.Browser();
        await SignInAsync(client, "dpo.stk@rightsportal.test");
        await using var db = portal.Db();
        var late = await db.Requests.AsNoTracking().SingleAsync(r => r.Reference == "STK-2026-EXPLATE");
        var today = TimeProvider.System.UkToday();

        var overdue = Lines(await client.GetStringAsync("/oversight/export/overdue.csv"));

        Assert.Equal("Reference,Right,Status,Received,Legal limit,Days left,Days overdue", overdue[0]);
        Assert.Contains(
            $"STK-2026-EXPLATE,See the records held (subject access),In progress,{UkDates.Iso(late.ReceivedOn)},{UkDates.Iso(late.DueOn)},,{today.DayNumber - late.DueOn.DayNumber}",
            overdue);
    }

    [Theory]
    [InlineData("/oversight/export/everything.csv", HttpStatusCode.NotFound)]
    [InlineData("/oversight/export/timeliness.csv?from=2026-13", HttpStatusCode.BadRequest)]
    [InlineData("/oversight/export/timeliness.csv?from=2020-01&to=2020-02", HttpStatusCode.OK)]
    [InlineData("/oversight/export/timeliness.csv?from=2099-01&to=2099-02", HttpStatusCode.BadRequest)]
    public async Task An_unknown_table_is_not_found_and_a_bad_period_is_explained(string path, HttpStatusCode expected)
    {
        var client = portal.Browser();
        await SignInAsync(client, "dpo.stk@rightsportal.test");

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("-3", "'-3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("Plain words", "Plain words")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_csv_cell_is_quoted_when_it_must_be_and_never_starts_a_formula(string? value, string written)
    {
        Assert.Equal(written, Api.Csv.Cell(value));
    }

    private static string[] Lines(string csv) => csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Once per app: the requests and searches described above.</summary>
    private async Task SeedAsync()
    {
        await using (var db = portal.Db())
        {
            if (await db.Requests.AnyAsync(r => r.Reference == "STK-2026-EXPLATE")) return;
        }

        var today = TimeProvider.System.UkToday();
        var services = portal.Services;
        await DashboardSeed.AddAsync(services, "STK", Right.Access, Channel.Email, today.AddDays(-60), "STK-2026-EXPLATE",
            (r, on) => r.ProceedWithoutIdentity(DashboardSeed.Known, on(r.ReceivedOn)));
        var received = today.AddDays(-20);
        await DashboardSeed.AddAsync(services, "STK", Right.Access, Channel.WebForm, received, "STK-2026-EXPSEARCH", (r, on) =>
        {
            r.ProceedWithoutIdentity(DashboardSeed.Known, on(received));
            r.AskServiceToSearch(Hyperlink, "Anything", received.AddDays(5), on(received));
            var sum = r.AskServiceToSearch(Sum, "Anything", received.AddDays(5), on(received));
            var plain = r.AskServiceToSearch(Plain, "Anything", received.AddDays(5), on(received));
            r.RecordSearchFindings(sum.Id, "Nothing", on(received.AddDays(2)));
            r.RecordSearchFindings(plain.Id, "Hearing reports", on(received.AddDays(9))); // after its due date
        });
        await DashboardSeed.AddAsync(services, "BAR", Right.Access, Channel.WebForm, received, "BAR-2026-EXPSEARCH", (r, on) =>
        {
            r.ProceedWithoutIdentity(DashboardSeed.Known, on(received));
            r.AskServiceToSearch(BarnetOnly, "Anything", received.AddDays(5), on(received));
        });
    }

    private static async Task SignInAsync(HttpClient client, string email)
    {
        var form = await StaticForm.OpenAsync(client, "/Account/Login?ReturnUrl=%2Fstaff");
        var response = await form.PostAsync(client, [new("Input.Email", email), new("Input.Password", PortalSeeder.DemoPassword)]);
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
    }
}
