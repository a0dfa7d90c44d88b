using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsPortal.EndToEnd.Tests;

[Collection(PortalCollection.Name)]
public sealed class CaseworkJourney(PortalServer portal)
{
    [Fact]
    public async Task A_caseworker_logs_a_postal_request_and_takes_it_to_a_lawful_close()
    {
        await using var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add(m.Text); };

        await page.GotoAsync("/Account/Login?ReturnUrl=%2Fcasework");
        await page.GetByLabel("Work email address").FillAsync("caseworker.bar@rightsportal.test");
        await page.GetByLabel("Password").FillAsync("Demo-Passw0rd!");
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page.Locator("[data-testid=queue][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // Log a letter that arrived today (the defaults: access, letter, today).
        await page.GetByTestId("log-request-link").ClickAsync();
        await Expect(page.Locator("[data-testid=log-request][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByTestId("log-role").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Parent or carer" }).ClickAsync();
        await page.GetByLabel("Their full name").FillAsync("Postal Parent");
        await page.GetByLabel("Their email address").FillAsync("postal.parent@example.org");
        await page.GetByLabel("Child or young person's full name").FillAsync("Postal Child");
        var dob = page.GetByLabel("Their date of birth");
        await dob.FillAsync("14/03/2013");
        await dob.PressAsync("Tab");
        await page.GetByText("Special educational needs", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("log-save").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/casework/requests/"), new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("request-reference")).ToContainTextAsync("BAR-");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("by letter");
        await Expect(page.GetByTestId("needs-format")).ToHaveTextAsync("the standard format");
        await Expect(page.GetByTestId("needs-hearing")).ToHaveTextAsync("None recorded");

        await DoAsync(page, "RequestIdentity", text: "Details do not match our records");
        await Expect(page.GetByTestId("request-status")).ToHaveTextAsync("Waiting for ID or authority");
        await DoAsync(page, "RecordIdentityReceived");
        await Expect(page.GetByTestId("request-status")).ToHaveTextAsync("In progress");

        // The caseworker takes the case: the page says who has it (and the reminders go to them).
        await Expect(page.GetByTestId("assigned-to")).ToHaveTextAsync("Nobody yet");
        await page.GetByTestId("assignment-edit").ClickAsync();
        await page.GetByTestId("assignment-choice").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Caseworker (BAR)" }).ClickAsync();
        await page.GetByTestId("assignment-save").ClickAsync();
        await Expect(page.GetByTestId("assigned-to")).ToHaveTextAsync("Caseworker (BAR)");
        await DoAsync(page, "PauseForClarification", text: "Which years of reports?");
        await Expect(page.GetByTestId("request-status")).ToHaveTextAsync("Waiting for clarification");
        await DoAsync(page, "RecordClarificationAnswer");

        // Ask one of Barnet's own services to search, then record what it found.
        await page.GetByTestId("search-service").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "SEN Team (casework)" }).ClickAsync();
        await page.GetByTestId("case-searches").GetByLabel("What to search for").FillAsync("EHC plan and reviews since 2021");
        await page.GetByTestId("search-ask").ClickAsync();
        await Expect(page.GetByTestId("search-task")).ToContainTextAsync("SEN Team (casework)");
        await page.GetByTestId("search-record").ClickAsync();
        await page.GetByTestId("case-searches").Locator("textarea").FillAsync("EHC plan 2021 and three annual reviews");
        await page.GetByTestId("search-save-findings").ClickAsync();
        await Expect(page.GetByTestId("search-findings")).ToContainTextAsync("three annual reviews");
        await DoAsync(page, "Extend", text: "Records are held by four services");
        await Expect(page.GetByTestId("action-Extend")).ToHaveCountAsync(0);

        // The access decision: one record disclosed, one redacted under the third-party exemption.
        await AddRecordAsync(page, "EHC plan, final, March 2024", "Disclosed in full");
        await AddRecordAsync(page, "Educational psychology report, 2023", "Redacted (parts withheld)", "Information about other people", "Names and needs of another pupil in the same class");
        await Expect(page.GetByTestId("disclosure-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("disclosure-list")).ToContainTextAsync("Information about other people");

        // Complied in full is refused while a record is redacted: the caseworker is told why.
        await page.GetByTestId("action-DraftResponse").ClickAsync();
        await page.GetByTestId("action-form").Locator("textarea").First.FillAsync("Copies of the EHC plan and reviews");
        await page.GetByTestId("action-save").ClickAsync();
        await Expect(page.GetByTestId("action-problem")).ToContainTextAsync("complies in part");
        await page.GetByTestId("action-outcome").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Complied in part" }).ClickAsync();
        await page.GetByTestId("action-save").ClickAsync();
        await Expect(page.GetByTestId("action-form")).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        // The letter lists the redacted record with its exemption, never the internal reasons.
        var caseUrl = page.Url;
        var letterPage = await context.NewPageAsync();
        await letterPage.GotoAsync(caseUrl + "/letter");
        await Expect(letterPage.GetByTestId("letter")).ToContainTextAsync("Who we share it with");
        await Expect(letterPage.GetByTestId("letter")).ToContainTextAsync("Educational psychology report, 2023");
        await Expect(letterPage.GetByTestId("letter")).Not.ToContainTextAsync("another pupil in the same class");
        await letterPage.ScreenshotAsync(new() { Path = Screens.Path("caseworker-response-letter"), FullPage = true });
        var docx = await letterPage.APIRequest.GetAsync(caseUrl + "/letter.docx");
        Assert.Equal(200, docx.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Headers["content-type"]);
        Assert.Equal((byte)'P', (await docx.BodyAsync())[0]); // a zip package
        await letterPage.CloseAsync();

        await DoAsync(page, "Close", text: "Parts of one report name another pupil and are withheld to protect them.");
        await Expect(page.GetByTestId("request-status")).ToHaveTextAsync("Closed");
        await Expect(page.GetByTestId("case-outcome")).ToContainTextAsync("Complied in part");
        await Expect(page.GetByTestId("case-outcome")).ToContainTextAsync("Information Commissioner's Office");
        await Expect(page.GetByTestId("action-ReopenForReview")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("timeline").Locator("li")).ToHaveCountAsync(13);
        await page.ScreenshotAsync(new() { Path = Screens.Path("caseworker-closed-case"), FullPage = true });

        // The extension notice the family must receive within the first month.
        await page.GotoAsync(caseUrl + "/notice/extension");
        await Expect(page.GetByTestId("letter")).ToContainTextAsync("Records are held by four services");
        Assert.Empty(problems);
    }

    private static async Task AddRecordAsync(IPage page, string description, string disposition, string? exemption = null, string? reason = null)
    {
        await page.GetByTestId("disclosure-description").FillAsync(description);
        await page.GetByTestId("disclosure-disposition").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = disposition }).ClickAsync();
        if (exemption is not null)
        {
            await page.GetByTestId("disclosure-exemption").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = exemption }).ClickAsync();
            await page.GetByTestId("disclosure-reason").FillAsync(reason!);
        }

        var rows = await page.GetByTestId("disclosure-row").CountAsync();
        await page.GetByTestId("add-disclosure").ClickAsync();
        await Expect(page.GetByTestId("disclosure-row")).ToHaveCountAsync(rows + 1, new() { Timeout = 10_000 });
    }

    private static async Task DoAsync(IPage page, string action, string? text = null)
    {
        await page.GetByTestId($"action-{action}").ClickAsync();
        if (text is not null) await page.GetByTestId("action-form").Locator("textarea").First.FillAsync(text);
        await page.GetByTestId("action-save").ClickAsync();
        await Expect(page.GetByTestId("action-form")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }
}
