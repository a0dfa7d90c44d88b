using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsPortal.EndToEnd.Tests;

[Collection(PortalCollection.Name)]
public sealed partial class FamilyToCaseworkerJourney(PortalServer portal)
{
    private const string ChildName = "Journey Child Ashworth";

    [Fact]
    public async Task A_family_submits_an_access_request_without_javascript_and_a_caseworker_finds_it_in_the_queue()
    {
        // The family: JavaScript off, as on a locked-down or very old phone.
        await using var family = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = portal.BaseAddress.ToString() });
        var page = await family.NewPageAsync();
        var problems = WatchForProblems(page);

        await page.GotoAsync("/");
        await page.GetByTestId("start-STK").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Ask to see the records");

        // Continuing with nothing filled in shows the error summary, linked to the fields.
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("error-summary")).ToContainTextAsync("Select who is asking");
        await page.ScreenshotAsync(new() { Path = Screenshot("family-form-errors"), FullPage = true });

        await page.GetByLabel("Parent or carer").CheckAsync();
        await page.GetByLabel("Your full name").FillAsync("Journey Parent");
        await page.GetByLabel("Your email address").FillAsync("journey.parent@example.org");
        await page.GetByLabel("Their full name").FillAsync(ChildName);
        await page.GetByLabel("Day").FillAsync("14");
        await page.GetByLabel("Month").FillAsync("3");
        await page.GetByLabel("Year").FillAsync("2013");
        await page.GetByLabel("Health and medical information").CheckAsync();
        await page.GetByLabel("EHC needs assessment and plan").CheckAsync();
        await page.GetByLabel("Anything that would help us find the records (optional)").FillAsync("Reports from 2023");

        // A parent who forgot the declaration is asked for it, with every answer kept.
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("error-summary")).ToContainTextAsync("Confirm that you have parental responsibility");
        await Expect(page.GetByLabel("Their full name")).ToHaveValueAsync(ChildName);
        await page.GetByLabel("I have parental responsibility for this child, or I care for them").CheckAsync();
        await page.GetByTestId("continue").ClickAsync();

        // Check your answers, change one, check again, send.
        await Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Reports from 2023");
        await page.GetByTestId("change-answer-1").ClickAsync();
        await Expect(page.GetByLabel("Anything that would help us find the records (optional)")).ToHaveValueAsync("Reports from 2023");
        await page.GetByLabel("Anything that would help us find the records (optional)").FillAsync("Reports from 2022 and 2023");
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Reports from 2022 and 2023");
        await page.ScreenshotAsync(new() { Path = Screenshot("family-access-check-answers"), FullPage = true });
        await page.GetByTestId("send-request").ClickAsync();

        await Expect(page.GetByTestId("confirmation-panel")).ToBeVisibleAsync();
        var reference = (await page.GetByTestId("reference").InnerTextAsync()).Trim();
        Assert.Matches(ReferencePattern(), reference);
        Assert.Matches(LongDatePattern(), await page.GetByTestId("due-on").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Screenshot("family-confirmation"), FullPage = true });
        Assert.Empty(problems);

        // The caseworker: signs in and finds the request in the interactive queue.
        await using var staff = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        var desk = await staff.NewPageAsync();
        var staffProblems = WatchForProblems(desk);
        await desk.GotoAsync("/casework");
        await Expect(desk).ToHaveURLAsync(new Regex("/Account/Login"));
        await desk.GetByLabel("Work email address").FillAsync("caseworker.stk@rightsportal.test");
        await desk.GetByLabel("Password").FillAsync("Demo-Passw0rd!");
        await desk.GetByTestId("sign-in").ClickAsync();

        await Expect(desk).ToHaveURLAsync(new Regex("/casework$"));
        await Expect(desk.Locator("[data-testid=queue][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var row = desk.GetByTestId("queue-reference").Filter(new() { HasText = reference });
        await Expect(row).ToBeVisibleAsync();
        await desk.ScreenshotAsync(new() { Path = Screenshot("caseworker-queue"), FullPage = true });

        await row.ClickAsync();
        await Expect(desk.GetByTestId("request-reference")).ToHaveTextAsync(reference);
        await Expect(desk.GetByTestId("subject-name")).ToHaveTextAsync(ChildName);
        await Expect(desk.GetByTestId("due-explanation")).ToContainTextAsync("One calendar month");
        await Expect(desk.GetByTestId("request-internal-target")).ToContainTextAsync("Internal target");
        await desk.ScreenshotAsync(new() { Path = Screenshot("caseworker-request"), FullPage = true });
        Assert.Empty(staffProblems);
    }

    [Fact]
    public async Task A_caseworker_of_another_organisation_does_not_see_the_request()
    {
        await using var family = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = portal.BaseAddress.ToString() });
        var page = await family.NewPageAsync();
        await page.GotoAsync("/hhj/access-request");
        await page.GetByLabel("Young person asking for themself").CheckAsync();
        await page.GetByLabel("Your full name").FillAsync("Scoped Young Person");
        await page.GetByLabel("Your email address").FillAsync("scoped@example.org");
        await page.GetByLabel("Their full name").FillAsync("Scoped Young Person");
        await page.GetByLabel("Day").FillAsync("2");
        await page.GetByLabel("Month").FillAsync("9");
        await page.GetByLabel("Year").FillAsync("2009");
        await page.GetByLabel("Photographs").CheckAsync();
        await page.GetByTestId("continue").ClickAsync();
        await page.GetByTestId("send-request").ClickAsync();
        var reference = (await page.GetByTestId("reference").InnerTextAsync()).Trim();
        Assert.StartsWith("HHJ-", reference, StringComparison.Ordinal);

        await using var staff = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        var desk = await staff.NewPageAsync();
        await desk.GotoAsync("/Account/Login?ReturnUrl=%2Fcasework");
        await desk.GetByLabel("Work email address").FillAsync("caseworker.bar@rightsportal.test");
        await desk.GetByLabel("Password").FillAsync("Demo-Passw0rd!");
        await desk.GetByTestId("sign-in").ClickAsync();
        await Expect(desk.Locator("[data-testid=queue][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(desk.GetByTestId("queue-grid")).Not.ToContainTextAsync(reference);
    }

    [Fact]
    public async Task An_advocate_sends_the_familys_signed_authority_with_the_request_and_the_caseworker_sees_it_on_the_case()
    {
        await using var family = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = portal.BaseAddress.ToString() });
        var page = await family.NewPageAsync();
        var problems = WatchForProblems(page);
        await page.GotoAsync("/stk/access-request");
        await page.GetByLabel("Someone acting for the family").CheckAsync();
        await page.GetByLabel("Your full name").FillAsync("Advocate Journey");
        await page.GetByLabel("Your email address").FillAsync("advocate.journey@example.org");
        await page.GetByLabel("Their full name").FillAsync("Advocated Child");
        await page.GetByLabel("Day").FillAsync("8");
        await page.GetByLabel("Month").FillAsync("1");
        await page.GetByLabel("Year").FillAsync("2016");
        await page.GetByLabel("EHC needs assessment and plan").CheckAsync();
        await page.GetByTestId("continue").ClickAsync();

        // The check page offers the upload; a file that is not a PDF, JPG or PNG is refused and the answers stay.
        await Expect(page.GetByTestId("authority-limit")).ToContainTextAsync("smaller than 10 MB");
        await page.GetByLabel("Upload the family's signed authority (optional)").SetInputFilesAsync(new FilePayload
        {
            Name = "authority.pdf", MimeType = "application/pdf", Buffer = "<html><body>not a pdf</body></html>"u8.ToArray(),
        });
        await page.GetByTestId("send-request").ClickAsync();
        await Expect(page.GetByTestId("error-summary")).ToContainTextAsync("The file must be a PDF, JPG or PNG");
        await Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Advocated Child");

        await page.GetByLabel("Upload the family's signed authority (optional)").SetInputFilesAsync(new FilePayload
        {
            Name = "signed-authority.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n% signed by the family\n%%EOF\n"u8.ToArray(),
        });
        await page.GetByTestId("send-request").ClickAsync();
        await Expect(page.GetByTestId("confirmation-panel")).ToBeVisibleAsync();
        var reference = (await page.GetByTestId("reference").InnerTextAsync()).Trim();
        Assert.Empty(problems);

        await using var staff = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        var desk = await staff.NewPageAsync();
        await desk.GotoAsync("/Account/Login?ReturnUrl=%2Fcasework");
        await desk.GetByLabel("Work email address").FillAsync("caseworker.stk@rightsportal.test");
        await desk.GetByLabel("Password").FillAsync("Demo-Passw0rd!");
        await desk.GetByTestId("sign-in").ClickAsync();
        await Expect(desk.Locator("[data-testid=queue][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await desk.GetByTestId("queue-reference").Filter(new() { HasText = reference }).ClickAsync();
        await Expect(desk.GetByTestId("request-reference")).ToHaveTextAsync(reference);
        await Expect(desk.GetByTestId("timeline")).ToContainTextAsync("The family added evidence of authority to act: signed-authority.pdf.");
    }

    /// <summary>Console errors (a CSP violation shows up there) and failed requests for the app's own assets.</summary>
    private List<string> WatchForProblems(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add("console: " + message.Text); };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Url.StartsWith(portal.BaseAddress.ToString(), StringComparison.Ordinal))
            {
                problems.Add($"HTTP {response.Status} {response.Url}");
            }
        };
        return problems;
    }

    private static string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    [GeneratedRegex(@"^STK-\d{4}-\d{6}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"^(Monday|Tuesday|Wednesday|Thursday|Friday) \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$")]
    private static partial Regex LongDatePattern();
}
