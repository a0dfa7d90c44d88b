using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsPortal.EndToEnd.Tests;

/// <summary>
/// The Data Protection Officer's oversight pages as a DPO uses them: the dashboard (a list at a glance, its drill-down
/// to the case, the period picker, a CSV download), the privacy-notice register, the audit trail (filters and the chain
/// check), reminders and the email wording; and who may not see them: a caseworker, and a DPO asking for another
/// organisation. The demo seed holds organisations, staff and privacy notices but no requests, so a Stoke caseworker
/// first logs a letter that arrived 45 days ago (always in an earlier month, and past its one-month limit).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class DpoOversightJourney(PortalServer portal)
{
    private const string Dpo = "dpo.stk@rightsportal.test";
    private const string Caseworker = "caseworker.stk@rightsportal.test";
    private const string Stoke = "Stoke-on-Trent City Council";
    private const string StokeNotice = "Privacy Notice: Special Educational Needs Monitoring and Assessment Service (SENMAS)";
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task A_DPO_follows_an_overdue_case_changes_the_period_downloads_a_table_and_checks_the_audit_trail()
    {
        var today = UkToday();
        var receivedOn = today.AddDays(-45);
        var reference = await LogLetterAsync(receivedOn, "Overdue Parent");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };
        await SignInAsync(page, Dpo, "/oversight");
        await Expect(page.Locator("[data-testid=oversight][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("glance-scope")).ToContainTextAsync(Stoke);

        // At a glance: the letter is past its legal limit, so it is in the requests' "Overdue" list, linked to its case.
        var overdue = page.Locator("[data-testid=glance-list][data-key=overdue]");
        var row = overdue.GetByTestId("glance-row").Filter(new() { HasText = reference });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(UkShort(receivedOn));
        await Expect(row.GetByTestId("glance-when")).ToHaveTextAsync(new Regex(@"^Overdue by \d+ days?$"));
        var daysOverdue = int.Parse(Regex.Match((await row.GetByTestId("glance-when").TextContentAsync())!, @"\d+").Value, CultureInfo.InvariantCulture);
        await page.ScreenshotAsync(new() { Path = Screens.Path("dpo-oversight-dashboard"), FullPage = true });

        // The CSV of that list: its header row, and the case as a data row (dates as YYYY-MM-DD, days overdue as on the page).
        var download = await page.RunAndWaitForDownloadAsync(() => overdue.GetByTestId("export-link").ClickAsync());
        Assert.Matches(@"^overdue-stk-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Reference,Right,Status,Received,Legal limit,Days left,Days overdue", lines[0]);
        var csvRow = Assert.Single(lines.Skip(1), l => l.StartsWith(reference + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal(receivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), csvRow[3]);
        Assert.Equal("", csvRow[5]);
        Assert.Equal(daysOverdue.ToString(CultureInfo.InvariantCulture), csvRow[6]);

        // Figures: the default twelve months count the letter in the month it arrived.
        var byRight = page.Locator("[data-testid=figure-table][data-key=received-by-right]");
        var thisMonth = MonthLabel(today);
        var letterMonth = MonthLabel(receivedOn);
        var columns = (await byRight.Locator("thead th").AllTextContentsAsync()).ToList();
        Assert.Equal(14, columns.Count); // Right, twelve months, Total
        Assert.Equal(new[] { "Right", thisMonth, "Total" }, new[] { columns[0], columns[12], columns[13] });
        var allRequests = byRight.Locator("tbody tr").Filter(new() { HasText = "All requests" });
        var before = await allRequests.Locator("td").AllTextContentsAsync();
        Assert.True(int.Parse(before[columns.IndexOf(letterMonth) - 1], CultureInfo.InvariantCulture) >= 1, $"The letter received in {letterMonth} is not counted: {string.Join(" | ", before)}");
        var receivedThisMonth = before[11];

        // Only this month: the table, the scope line and the chart's text follow, and the letter no longer counts.
        await page.GetByTestId("pick-from").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = thisMonth, Exact = true }).ClickAsync();
        await Expect(byRight.Locator("thead th")).ToHaveTextAsync(new[] { "Right", thisMonth, "Total" });
        await Expect(allRequests.Locator("td")).ToHaveTextAsync(new[] { receivedThisMonth, receivedThisMonth });
        await Expect(page.GetByTestId("figures-scope")).ToContainTextAsync($"{Stoke}, {thisMonth}");
        await Expect(page.GetByTestId("received-chart")).ToHaveAttributeAsync("aria-label", new Regex($"^Bar chart of requests received each month: {thisMonth} {receivedThisMonth}\\."));
        await Expect(page.Locator("[data-testid=figure-table][data-key=received-by-right] [data-testid=export-link]"))
            .ToHaveAttributeAsync("href", $"/oversight/export/received-by-right.csv?from={today:yyyy-MM}&to={today:yyyy-MM}");
        await page.ScreenshotAsync(new() { Path = Screens.Path("dpo-oversight-this-month"), FullPage = true });

        // The table's CSV holds the same cells as the page for the chosen period.
        var figuresDownload = await page.RunAndWaitForDownloadAsync(() => byRight.GetByTestId("export-link").ClickAsync());
        Assert.Equal($"received-by-right-stk-{today:yyyy-MM}-to-{today:yyyy-MM}.csv", figuresDownload.SuggestedFilename);
        var figureLines = (await File.ReadAllTextAsync((await figuresDownload.PathAsync())!)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"Right,{thisMonth},Total", figureLines[0]);
        Assert.Equal($"All requests,{receivedThisMonth},{receivedThisMonth}", figureLines[^1]);
        Assert.True(figureLines.Length > 2, "The CSV has no row for any right.");

        // Drill down from the list to the case page.
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/casework/requests/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("request-reference")).ToHaveTextAsync(reference);

        // The audit trail: this case's rows, then every "Log request" row, then a check of the chain made now.
        await page.GotoAsync("/oversight/audit");
        await Expect(page.Locator("[data-testid=audit-trail][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByText("You see your organisation's rows.")).ToBeVisibleAsync();
        var caseFilter = page.GetByLabel("Case reference");
        await caseFilter.FillAsync(reference.ToLowerInvariant()); // as a DPO might type it
        await caseFilter.PressAsync("Tab");
        await Expect(page.GetByTestId("audit-case").First).ToHaveTextAsync(reference);
        await Expect(page.GetByTestId("audit-case").Filter(new() { HasNotText = reference })).ToHaveCountAsync(0);
        var logged = page.GetByTestId("audit-action").Filter(new() { HasText = "Log request" });
        await Expect(logged).ToHaveCountAsync(1);
        await Expect(page.Locator("tr").Filter(new() { Has = logged }).GetByTestId("audit-who")).ToHaveTextAsync("Caseworker (STK)");

        await page.GetByTestId("filter-clear").ClickAsync();
        await Expect(caseFilter).ToHaveValueAsync("");
        await page.GetByTestId("filter-action").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Log request", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("audit-action").First).ToHaveTextAsync("Log request");
        await Expect(page.GetByTestId("audit-action").Filter(new() { HasNotText = "Log request" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("audit-case").Filter(new() { HasText = reference })).ToHaveCountAsync(1);

        // The result shown before the button is pressed is the check made when the portal started ("Daily check."):
        // wait for this check's result, then read it.
        await page.GetByTestId("audit-check-now").ClickAsync();
        var result = page.GetByTestId("audit-check-result");
        await Expect(result).ToContainTextAsync("Checked on request by Data Protection Officer (STK).", new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = Screens.Path("dpo-audit-trail-checked"), FullPage = true });
        await Expect(result).ToHaveAttributeAsync("data-state", "intact");
        await Expect(result).ToContainTextAsync(new Regex(@"The audit trail is intact: [1-9][\d,]* rows? checked at"));
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task A_DPO_records_their_notice_version_table_and_is_told_the_review_is_overdue()
    {
        var today = UkToday();
        var approvedOn = today.AddYears(-2).AddDays(-10);
        var reviewOn = today.AddYears(-1).AddDays(-10);

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Dpo, "/oversight/notices");
        await Expect(page.Locator("[data-testid=notice-register][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // Only Stoke's notices: the school's overdue notice belongs to another organisation.
        await Expect(page.GetByTestId("organisation-notices")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("organisation-notices")).ToHaveAttributeAsync("data-code", "STK");
        await Expect(page.GetByText("SEN and Safeguarding Privacy Notice")).ToHaveCountAsync(0);

        // The council's published notice gives no review date, so the register asks for one and nothing is overdue yet.
        var notice = page.Locator($"[data-testid=privacy-notice][data-title='{StokeNotice}']");
        await Expect(notice.GetByTestId("no-review-date")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("overdue-summary")).ToHaveCountAsync(0);

        // The DPO records the version the council approved two years ago, due for review a year ago.
        await notice.GetByTestId("record-version-of").ClickAsync();
        await page.GetByLabel("Version", new() { Exact = true }).FillAsync("V1");
        await page.GetByLabel("Approved by (optional)").FillAsync("Information Governance Board");
        await FillDateAsync(page.GetByLabel("Approval date", new() { Exact = true }), approvedOn);
        await FillDateAsync(page.GetByLabel("Review date", new() { Exact = true }), reviewOn);
        await page.GetByLabel("Changes made (optional)").FillAsync("First version recorded in the portal");
        await page.GetByTestId("version-save").ClickAsync();

        await Expect(notice.GetByTestId("version-row").Filter(new() { HasText = "V1" })).ToContainTextAsync("Information Governance Board");
        var alert = notice.GetByTestId("review-overdue");
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToContainTextAsync($"Review overdue since {reviewOn.ToString("dddd d MMMM yyyy", English)}");
        await Expect(page.GetByTestId("overdue-summary")).ToHaveTextAsync("1 notice is past the review date.");
        await Expect(notice.GetByTestId("current-version")).ToContainTextAsync("V1");
        await page.ScreenshotAsync(new() { Path = Screens.Path("dpo-privacy-notice-overdue"), FullPage = true });
    }

    [Fact]
    public async Task A_DPO_holds_everything_about_a_child_for_a_tribunal_and_later_releases_the_hold()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Dpo, "/oversight/holds");
        await Expect(page.Locator("[data-testid=legal-holds][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("nav-holds")).ToBeVisibleAsync();
        var child = "Tribunal Child " + Guid.NewGuid().ToString("N")[..6];

        // Nothing said about why: refused with what to do, and nothing placed.
        await page.GetByTestId("hold-on").GetByText("Everything about a child").ClickAsync();
        await page.GetByLabel("Child's full name").FillAsync(child);
        await FillDateAsync(page.GetByLabel("Child's date of birth"), new DateOnly(2014, 2, 28));
        await page.GetByTestId("hold-save").ClickAsync();
        await Expect(page.GetByTestId("hold-problem")).ToContainTextAsync("Say why the records must be kept");
        await Expect(page.GetByTestId("hold").Filter(new() { HasText = child })).ToHaveCountAsync(0);

        await page.GetByTestId("hold-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Tribunal" }).ClickAsync();
        await page.GetByLabel("Why the records must be kept").FillAsync("SEND Tribunal appeal EH123/45/678");
        await page.GetByTestId("hold-save").ClickAsync();
        var hold = page.GetByTestId("hold").Filter(new() { HasText = child });
        await Expect(hold).ToHaveCountAsync(1);
        await Expect(hold).ToContainTextAsync($"Tribunal: every record about {child}, born Friday 28 February 2014");
        await Expect(hold.GetByTestId("hold-status")).ToHaveTextAsync("In force");
        await Expect(hold).ToContainTextAsync("by Data Protection Officer (STK)");

        await hold.GetByTestId("release").ClickAsync();
        await hold.GetByLabel("Why the hold can end").FillAsync("The tribunal decided the appeal.");
        await hold.GetByTestId("release-save").ClickAsync();
        await Expect(hold.GetByTestId("hold-status")).ToHaveTextAsync("Released");
        await Expect(hold).ToContainTextAsync("The tribunal decided the appeal.");
        await Expect(hold.GetByTestId("release")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Screens.Path("dpo-legal-holds"), FullPage = true });
    }

    [Fact]
    public async Task A_DPO_opens_their_reminders_and_their_organisations_email_wording()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Dpo, "/reminders");
        await Expect(page.Locator("[data-testid=reminders][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reminders", Level = 1 })).ToBeVisibleAsync();

        // The watcher writes reminders when the portal starts (an empty database then) and hourly after: none yet, and
        // the menu's count agrees with the page.
        await Expect(page.GetByTestId("no-reminders")).ToHaveTextAsync("You have no reminders.");
        await Expect(page.GetByTestId("nav-reminders")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-unread-reminders")).ToHaveCountAsync(0);

        await page.GetByTestId("nav-mail-templates").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/mail-templates$"));
        await Expect(page.Locator("[data-testid=mail-templates][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync(Stoke);
        await Expect(page.GetByTestId("organisation-select")).ToHaveCountAsync(0);
        Assert.True(await page.GetByTestId("template-row").CountAsync() > 0, "The email wording page lists no emails.");
    }

    [Fact]
    public async Task A_caseworker_is_refused_the_oversight_pages_and_exports()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Caseworker, "/casework");
        await Expect(page.GetByTestId("nav-oversight")).ToHaveCountAsync(0);

        foreach (var path in new[] { "/oversight", "/oversight/notices", "/oversight/audit", "/oversight/holds" })
        {
            await page.GotoAsync(path);
            await Expect(page).ToHaveURLAsync(new Regex("/Account/AccessDenied\\?ReturnUrl=" + Regex.Escape(Uri.EscapeDataString(path)) + "$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You do not have access to that page");
            await Expect(page.GetByTestId("oversight")).ToHaveCountAsync(0);
        }

        var export = await page.APIRequest.GetAsync(portal.BaseAddress + "oversight/export/overdue.csv", new() { MaxRedirects = 0 });
        Assert.Equal(302, export.Status);
        Assert.StartsWith("/Account/AccessDenied", new Uri(portal.BaseAddress, export.Headers["location"]).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DPO_cannot_download_another_organisations_figures()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Dpo, "/oversight");

        var own = await page.APIRequest.GetAsync(portal.BaseAddress + "oversight/export/received-by-right.csv?org=STK", new() { MaxRedirects = 0 });
        Assert.Equal(200, own.Status);
        Assert.StartsWith("text/csv", own.Headers["content-type"], StringComparison.Ordinal);
        Assert.StartsWith("Right,", (await own.TextAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);

        foreach (var table in new[] { "received-by-right", "overdue" })
        {
            var school = await page.APIRequest.GetAsync(portal.BaseAddress + $"oversight/export/{table}.csv?org=HHJ", new() { MaxRedirects = 0 });
            Assert.Equal(403, school.Status);
            Assert.Contains("You can see your own organisation's figures only.", await school.TextAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/oversight", "oversight")]
    [InlineData("/oversight/notices", "notice-register")]
    [InlineData("/oversight/audit", "audit-trail")]
    [InlineData("/oversight/holds", "legal-holds")]
    public async Task An_oversight_page_passes_the_axe_scan(string path, string testId)
    {
        await using var context = await NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await SignInAsync(page, Dpo, path);
        await Expect(page.Locator($"[data-testid={testId}][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var violations = await Accessibility.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{path}:\n" + string.Join("\n", violations));
    }

    /// <summary>A Stoke caseworker logs a letter that arrived on the given day; returns the case reference.</summary>
    private async Task<string> LogLetterAsync(DateOnly receivedOn, string requester)
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Caseworker, "/casework");
        await Expect(page.Locator("[data-testid=queue][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByTestId("log-request-link").ClickAsync();
        await Expect(page.Locator("[data-testid=log-request][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await FillDateAsync(page.GetByLabel("Date it arrived"), receivedOn);
        await page.GetByTestId("log-role").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Parent or carer" }).ClickAsync();
        await page.GetByLabel("Their full name").FillAsync(requester);
        await page.GetByLabel("Their email address").FillAsync("overdue.parent@example.org");
        await page.GetByLabel("Child or young person's full name").FillAsync("Overdue Child");
        await FillDateAsync(page.GetByLabel("Their date of birth"), new DateOnly(2014, 5, 20));
        await page.GetByText("Attendance and exclusions", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("log-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/casework/requests/"), new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("request-reference")).ToHaveTextAsync(new Regex(@"^STK-\d{4}-\d+$"));
        return (await page.GetByTestId("request-reference").TextContentAsync())!.Trim();
    }

    private Task<IBrowserContext> NewContextAsync(bool bypassCsp = false) =>
        portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString(), BypassCSP = bypassCsp, AcceptDownloads = true });

    private static async Task SignInAsync(IPage page, string email, string returnUrl)
    {
        await page.GotoAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Work email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Demo-Passw0rd!");
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
    }

    private static async Task FillDateAsync(ILocator field, DateOnly date)
    {
        await field.FillAsync(date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await field.PressAsync("Tab");
    }

    private static DateOnly UkToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    private static string MonthLabel(DateOnly date) => date.ToString("MMM yyyy", CultureInfo.InvariantCulture);

    private static string UkShort(DateOnly date) => date.ToString("ddd d MMM yyyy", English);
}
