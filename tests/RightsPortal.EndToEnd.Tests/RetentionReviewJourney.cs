using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsPortal.EndToEnd.Tests;

/// <summary>
/// The Data Protection Officer's retention review (/oversight/retention) as a DPO uses it: a rights-request case file
/// closed seven years ago waits for a decision; the DPO keeps one longer (a reason and a date are asked for) and
/// approves the destruction of another after a warning, which the next sweep then counts; a case under a legal hold
/// is listed as held with the hold's reason; a caseworker is refused the page; and the page passes the axe scan with
/// its items showing. The demo seed holds no requests, so a Stoke caseworker logs each letter first and the test then
/// backdates its closure in the portal's database file (see <see cref="CloseSevenYearsAgoAsync"/>).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class RetentionReviewJourney(PortalServer portal)
{
    private const string Dpo = "dpo.stk@rightsportal.test";
    private const string Caseworker = "caseworker.stk@rightsportal.test";
    private const string DpoName = "Data Protection Officer (STK)";
    private const string CaseFile = "Rights-request case file";
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task A_DPO_is_asked_for_a_reason_and_a_date_then_keeps_a_closed_case_file_longer()
    {
        var today = UkToday();
        var (reference, closedOn) = await LogClosedCaseAsync("Kept");
        var keepUntil = today.AddYears(1);
        const string reason = "The family's solicitor has written about a claim over how the request was handled.";

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };
        await OpenRetentionReviewAsync(page);

        // The case file closed seven years ago reached the end of its six years a year ago and waits for the DPO.
        var item = ReviewItem(page, reference);
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync($"{reference}: {CaseFile}");
        await Expect(Definition(item, "Request")).ToContainTextAsync($"closed {UkLong(closedOn)}");
        await Expect(Definition(item, "Due since")).ToHaveTextAsync(UkLong(DueSince(closedOn)));
        await Expect(Definition(item, "Rule")).ToContainTextAsync($"{CaseFile}: 6 years after the file closes");
        await Expect(Definition(item, "Why it is due")).ToContainTextAsync($"closed on {UkShort(closedOn)} plus 6 years");
        await page.ScreenshotAsync(new() { Path = Screens.Path("retention-review"), FullPage = true });

        // "Keep longer" with nothing filled in: refused, saying what to give, and nothing recorded.
        await item.GetByTestId("keep").ClickAsync();
        await item.GetByTestId("keep-save").ClickAsync();
        var problem = item.GetByTestId("decision-problem");
        await Expect(problem).ToContainTextAsync("Say why the record must be kept longer than the schedule allows.");
        await Expect(problem).ToContainTextAsync("Choose the date to keep the record until");
        await Expect(DecisionRow(page, reference)).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Screens.Path("retention-review-keep-refused"), FullPage = true });

        // With a reason and a date a year ahead: the item leaves the queue and the decision is listed with its reason.
        await item.GetByLabel("Why the record must be kept").FillAsync(reason);
        await FillDateAsync(item.GetByLabel("Keep until"), keepUntil);
        await item.GetByTestId("keep-save").ClickAsync();
        await Expect(ReviewItem(page, reference)).ToHaveCountAsync(0);
        var decision = DecisionRow(page, reference);
        await Expect(decision).ToHaveCountAsync(1);
        await Expect(decision.Locator("td")).ToHaveTextAsync(new Regex[]
        {
            new($"^{Regex.Escape(reference)}$"),
            new($"^{Regex.Escape(CaseFile)}$"),
            new($"^{Regex.Escape($"Kept until {UkLong(keepUntil)}: {reason}")}$"),
            new($"^{Regex.Escape(DpoName)}$"),
            new(@"\d{4}"),
        });
        await page.ScreenshotAsync(new() { Path = Screens.Path("retention-review-kept"), FullPage = true });
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task A_DPO_approves_a_destruction_after_the_warning_and_the_next_sweep_counts_it()
    {
        var (reference, _) = await LogClosedCaseAsync("Destroyed");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await OpenRetentionReviewAsync(page);
        var waiting = page.GetByTestId("waiting-for-sweep");
        var before = WaitingCount((await waiting.TextContentAsync())!);

        var item = ReviewItem(page, reference);
        await Expect(item).ToHaveCountAsync(1);
        await item.GetByTestId("approve").ClickAsync();

        // First a warning of what destruction means, naming the case; nothing is decided yet.
        await Expect(item).ToContainTextAsync($"Destroying {reference} removes its personal data for good");
        await Expect(item).ToContainTextAsync("It cannot be undone.");
        await Expect(DecisionRow(page, reference)).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Screens.Path("retention-review-approve-warning"), FullPage = true });

        await item.GetByTestId("approve-confirm").ClickAsync();
        await Expect(ReviewItem(page, reference)).ToHaveCountAsync(0);
        await Expect(waiting).ToHaveTextAsync(new Regex($"^{before + 1} records? (is|are) approved or due for destruction and will be destroyed by the next sweep\\.$"));
        var decision = DecisionRow(page, reference);
        await Expect(decision).ToHaveCountAsync(1);
        await Expect(decision.Locator("td").Nth(2)).ToHaveTextAsync("Destruction approved");
        await Expect(decision.Locator("td").Nth(3)).ToHaveTextAsync(DpoName);
        await page.ScreenshotAsync(new() { Path = Screens.Path("retention-review-approved"), FullPage = true });
    }

    [Fact]
    public async Task A_case_under_a_legal_hold_is_listed_as_held_with_the_holds_reason()
    {
        var (reference, closedOn) = await LogClosedCaseAsync("Held");
        var reason = $"Claim letter from the family's solicitor, reference LC/{reference}";

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Dpo, "/oversight/holds");
        await Expect(page.Locator("[data-testid=legal-holds][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByTestId("hold-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Legal claim" }).ClickAsync();
        await page.GetByLabel("Case reference").FillAsync(reference);
        await page.GetByLabel("Why the records must be kept").FillAsync(reason);
        await page.GetByTestId("hold-save").ClickAsync();
        var hold = page.GetByTestId("hold").Filter(new() { HasText = reference });
        await Expect(hold).ToHaveCountAsync(1);
        await Expect(hold.GetByTestId("hold-status")).ToHaveTextAsync("In force");

        await page.GetByTestId("nav-retention").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/oversight/retention$"));
        await Expect(page.Locator("[data-testid=retention-queue][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // Held, not waiting for a decision: nothing the DPO could approve while the hold is in force.
        await Expect(ReviewItem(page, reference)).ToHaveCountAsync(0);
        var held = page.Locator($"[data-testid=held-item][data-reference='{reference}']");
        await Expect(held).ToHaveCountAsync(1);
        await Expect(held.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync($"{reference}: {CaseFile}");
        await Expect(Definition(held, "Due since")).ToHaveTextAsync(UkLong(DueSince(closedOn)));
        await Expect(Definition(held, "Held by")).ToHaveTextAsync($"Legal claim hold placed by Data Protection Officer (STK) on this case: {reason}");
        await Expect(held.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Screens.Path("retention-review-held"), FullPage = true });
    }

    [Fact]
    public async Task A_caseworker_is_refused_the_retention_review()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Caseworker, "/casework");
        await Expect(page.GetByTestId("nav-retention")).ToHaveCountAsync(0);

        const string path = "/oversight/retention";
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/AccessDenied\\?ReturnUrl=" + Regex.Escape(Uri.EscapeDataString(path)) + "$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You do not have access to that page");
        await Expect(page.GetByTestId("retention-queue")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_retention_review_with_its_items_showing_passes_the_axe_scan()
    {
        var (reference, _) = await LogClosedCaseAsync("Scanned");

        await using var context = await NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await OpenRetentionReviewAsync(page);
        var item = ReviewItem(page, reference);
        await Expect(item).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("review-item").First).ToBeVisibleAsync();

        var violations = new List<string>();
        violations.AddRange((await Accessibility.AxeViolationsAsync(page)).Select(v => "queue: " + v));

        // The two states a decision passes through: the keep form (with its refusal showing), and the warning before approval.
        await item.GetByTestId("keep").ClickAsync();
        await item.GetByTestId("keep-save").ClickAsync();
        await Expect(item.GetByTestId("decision-problem")).ToBeVisibleAsync();
        violations.AddRange((await Accessibility.AxeViolationsAsync(page)).Select(v => "keep form: " + v));

        await item.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await item.GetByTestId("approve").ClickAsync();
        await Expect(item.GetByTestId("approve-confirm")).ToBeVisibleAsync();
        violations.AddRange((await Accessibility.AxeViolationsAsync(page)).Select(v => "approval warning: " + v));

        Assert.True(violations.Count == 0, "/oversight/retention:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// A Stoke caseworker logs a letter about a child with a name of its own (so no other open case about the same child
    /// holds it automatically), and the test closes the case seven years ago; returns its reference and closing day.
    /// </summary>
    private async Task<(string Reference, DateOnly ClosedOn)> LogClosedCaseAsync(string label)
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var reference = await LogLetterAsync(UkToday().AddDays(-20), $"Retention Parent {unique}", $"Retention {label} Child {unique}");
        var closedOn = UkToday().AddYears(-7);
        await CloseSevenYearsAgoAsync(reference, closedOn);
        return (reference, closedOn);
    }

    /// <summary>
    /// Closes the case on <paramref name="closedOn"/> by editing the running portal's SQLite file. The portal stamps a
    /// closure with today's date, so a case closed through the pages is not due for years; the schedule reviews a
    /// rights-request case file six years after it closes, so the journey needs one closed more than six years ago.
    /// </summary>
    private async Task CloseSevenYearsAgoAsync(string reference, DateOnly closedOn)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(portal.DataDirectory, "portal.db"),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false, // let go of the file as soon as the edit is made
            DefaultTimeout = 30,
        };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """UPDATE "Requests" SET "Status" = 'Closed', "ClosedOn" = $closedOn, "Outcome" = 'Complied' WHERE "Reference" = $ref""";
        command.Parameters.AddWithValue("$closedOn", closedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$ref", reference);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>A Stoke caseworker logs a letter that arrived on the given day; returns the case reference.</summary>
    private async Task<string> LogLetterAsync(DateOnly receivedOn, string requester, string child)
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
        await page.GetByLabel("Their email address").FillAsync("retention.parent@example.org");
        await page.GetByLabel("Child or young person's full name").FillAsync(child);
        await FillDateAsync(page.GetByLabel("Their date of birth"), new DateOnly(2009, 3, 14));
        await page.GetByText("Attendance and exclusions", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("log-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/casework/requests/"), new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("request-reference")).ToHaveTextAsync(new Regex(@"^STK-\d{4}-\d+$"));
        return (await page.GetByTestId("request-reference").TextContentAsync())!.Trim();
    }

    /// <summary>Signs the DPO in and opens the retention review from the menu, as a DPO would.</summary>
    private static async Task OpenRetentionReviewAsync(IPage page)
    {
        await SignInAsync(page, Dpo, "/oversight");
        // The menu is part of the interactive page: a click before it is connected can be lost in a slow start.
        await Expect(page.Locator("[data-testid=oversight][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByTestId("nav-retention").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/oversight/retention$"));
        await Expect(page.Locator("[data-testid=retention-queue][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Retention review", Level = 1 })).ToBeVisibleAsync();
    }

    private static ILocator ReviewItem(IPage page, string reference) =>
        page.Locator($"[data-testid=review-item][data-reference='{reference}']");

    private static ILocator DecisionRow(IPage page, string reference) =>
        page.Locator("[data-testid=decisions] tbody tr").Filter(new() { Has = page.Locator("td:first-child", new() { HasText = reference }) });

    /// <summary>The &lt;dd&gt; after the &lt;dt&gt; with this text in an item's description list.</summary>
    private static ILocator Definition(ILocator item, string term) =>
        item.Locator($"xpath=.//dt[normalize-space()='{term}']/following-sibling::dd[1]");

    /// <summary>The count in the "waiting for the sweep" alert: "No record ..." is 0, "1 record ...", "12 records ...".</summary>
    private static int WaitingCount(string text)
    {
        var match = Regex.Match(text.Trim(), @"^([\d,]+) records?");
        return match.Success ? int.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>A case file is due six years after it closes (a 29 February closure ends on 28 February, the default).</summary>
    private static DateOnly DueSince(DateOnly closedOn) => closedOn.AddYears(6);

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

    private static string UkLong(DateOnly date) => date.ToString("dddd d MMMM yyyy", English);

    private static string UkShort(DateOnly date) => date.ToString("ddd d MMM yyyy", English);
}
