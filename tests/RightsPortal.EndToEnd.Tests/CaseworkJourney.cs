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
        await DoAsync(page, "DraftResponse", text: "Copies of the EHC plan and reviews");
        await DoAsync(page, "Close");
        await Expect(page.GetByTestId("request-status")).ToHaveTextAsync("Closed");
        await Expect(page.GetByTestId("case-outcome")).ToContainTextAsync("Complied in full");
        await Expect(page.GetByTestId("action-ReopenForReview")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("timeline").Locator("li")).ToHaveCountAsync(10);
        await page.ScreenshotAsync(new() { Path = Screens.Path("caseworker-closed-case"), FullPage = true });

        // The response letter: to print, and as a Word document.
        var caseUrl = page.Url;
        await page.GotoAsync(caseUrl + "/letter");
        await Expect(page.GetByTestId("letter")).ToContainTextAsync("Who we share it with");
        await page.ScreenshotAsync(new() { Path = Screens.Path("caseworker-response-letter"), FullPage = true });
        var docx = await page.APIRequest.GetAsync(caseUrl + "/letter.docx");
        Assert.Equal(200, docx.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Headers["content-type"]);
        Assert.Equal((byte)'P', (await docx.BodyAsync())[0]); // a zip package
        Assert.Empty(problems);
    }

    private static async Task DoAsync(IPage page, string action, string? text = null)
    {
        await page.GetByTestId($"action-{action}").ClickAsync();
        if (text is not null) await page.GetByTestId("action-form").Locator("textarea").First.FillAsync(text);
        await page.GetByTestId("action-save").ClickAsync();
        await Expect(page.GetByTestId("action-form")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }
}
