using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsPortal.EndToEnd.Tests;

/// <summary>
/// Issue 7: the DPO keeps the organisation's retention schedule. A line is added, changed (refused until a reason is
/// given) and removed again, each change appearing in the history; a caseworker cannot open the page. The journey
/// uses a line of its own so the seeded schedule other journeys rely on is left as it was.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class RetentionScheduleJourney(PortalServer portal)
{
    private const string Dpo = "dpo.stk@rightsportal.test";
    private const string Caseworker = "caseworker.stk@rightsportal.test";

    [Fact]
    public async Task A_DPO_adds_changes_and_removes_a_line_with_reasons_and_sees_each_in_the_history()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };
        await SignInAsync(page, Dpo, "/oversight/schedule");
        await Expect(page.Locator("[data-testid=retention-schedule][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("nav-schedule")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=schedule-line][data-record-type='SEN file, EHC plan and reviews'] [data-testid=line-whose]")).ToHaveTextAsync("Your organisation");
        await Expect(page.Locator("[data-testid=schedule-line][data-record-type='Copies of emails sent'] [data-testid=line-whose]")).ToHaveTextAsync("Portal default");

        // Add a line of the journey's own.
        var record = "Journey records " + Guid.NewGuid().ToString("N")[..6];
        var line = page.Locator($"[data-testid=schedule-line][data-record-type='{record}']");
        await page.GetByLabel("Kind of record").FillAsync(record);
        await FillNumberAsync(page.GetByLabel("Years", new() { Exact = true }), 10);
        await page.GetByLabel("Why the schedule is changing").FillAsync("Added for the records review");
        await page.GetByTestId("line-save").ClickAsync();
        await Expect(line).ToHaveCountAsync(1);
        await Expect(line.GetByTestId("line-period")).ToHaveTextAsync("10 years");

        // Change it: refused without a reason, then saved with one.
        await line.GetByTestId("line-change").ClickAsync();
        await Expect(page.GetByTestId("editor-heading")).ToHaveTextAsync($"Change \"{record}\"");
        await FillNumberAsync(page.GetByLabel("Years", new() { Exact = true }), 12);
        await page.GetByTestId("line-save").ClickAsync();
        await Expect(page.GetByTestId("line-problem")).ToContainTextAsync("Say why the schedule is changing");
        await Expect(line.GetByTestId("line-period")).ToHaveTextAsync("10 years");

        await page.GetByLabel("Why the schedule is changing").FillAsync("Council records policy v4 (2026)");
        await page.GetByTestId("line-save").ClickAsync();
        await Expect(line.GetByTestId("line-period")).ToHaveTextAsync("12 years");
        var latest = page.GetByTestId("history-entry").First;
        await Expect(latest.GetByTestId("history-before")).ToHaveTextAsync($"{record}: 10 years after the file closes, then reviewed by the DPO");
        await Expect(latest.GetByTestId("history-after")).ToHaveTextAsync($"{record}: 12 years after the file closes, then reviewed by the DPO");
        await Expect(latest.GetByTestId("history-reason")).ToHaveTextAsync("Council records policy v4 (2026)");
        await Expect(latest).ToContainTextAsync("by Data Protection Officer (STK)");
        await page.ScreenshotAsync(new() { Path = Screens.Path("dpo-retention-schedule"), FullPage = true });

        // Remove it again, saying why.
        await line.GetByTestId("line-remove").ClickAsync();
        await page.GetByLabel("Why the line is being removed").FillAsync("Added by the journey; not part of the schedule");
        await page.GetByTestId("remove-save").ClickAsync();
        await Expect(line).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("history-entry").First.GetByTestId("history-after")).ToHaveTextAsync("(removed)");
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task A_caseworker_cannot_open_the_retention_schedule()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Caseworker, "/casework");
        await Expect(page.GetByTestId("nav-schedule")).ToHaveCountAsync(0);

        await page.GotoAsync("/oversight/schedule");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/AccessDenied\\?ReturnUrl=" + Regex.Escape(Uri.EscapeDataString("/oversight/schedule")) + "$"));
        await Expect(page.GetByTestId("retention-schedule")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_retention_schedule_passes_the_axe_scan()
    {
        await using var context = await NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await SignInAsync(page, Dpo, "/oversight/schedule");
        await Expect(page.Locator("[data-testid=retention-schedule][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var violations = await Accessibility.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, "/oversight/schedule:\n" + string.Join("\n", violations));
    }

    private Task<IBrowserContext> NewContextAsync(bool bypassCsp = false) =>
        portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString(), BypassCSP = bypassCsp });

    private static async Task SignInAsync(IPage page, string email, string returnUrl)
    {
        await page.GotoAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Work email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Demo-Passw0rd!");
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
    }

    private static async Task FillNumberAsync(ILocator field, int value)
    {
        await field.FillAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await field.PressAsync("Tab");
    }
}
