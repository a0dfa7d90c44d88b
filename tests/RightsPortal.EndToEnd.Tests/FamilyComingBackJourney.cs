using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsPortal.EndToEnd.Tests;

/// <summary>
/// With JavaScript off throughout, a family asks, is asked for ID, signs in with the code from their email, uploads
/// ID (the clock restarts), answers a clarification with a message (the clock resumes), and downloads the response.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class FamilyComingBackJourney(PortalServer portal)
{
    private const string Email = "coming.back@example.org";

    [Fact]
    public async Task A_family_signs_in_with_a_code_uploads_ID_answers_a_clarification_and_downloads_the_response()
    {
        await using var family = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = portal.BaseAddress.ToString() });
        var page = await family.NewPageAsync();
        await page.GotoAsync("/stk/access-request");
        await page.GetByLabel("Parent or carer").CheckAsync();
        await page.GetByLabel("I have parental responsibility for this child, or I care for them").CheckAsync();
        await page.GetByLabel("Your full name").FillAsync("Coming Back Parent");
        await page.GetByLabel("Your email address").FillAsync(Email);
        await page.GetByLabel("Their full name").FillAsync("Coming Back Child");
        await page.GetByLabel("Day").FillAsync("3");
        await page.GetByLabel("Month").FillAsync("4");
        await page.GetByLabel("Year").FillAsync("2014");
        await page.GetByLabel("EHC needs assessment and plan").CheckAsync();
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("check-answers")).ToContainTextAsync("Coming Back Child");
        await page.GetByTestId("send-request").ClickAsync();

        // The confirmation says how to come back: sign in with the email address given.
        await Expect(page.GetByTestId("follow-your-request")).ToContainTextAsync("with the email address you gave");
        var reference = (await page.GetByTestId("reference").InnerTextAsync()).Trim();

        // The team asks for ID.
        await using var staff = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        var desk = await staff.NewPageAsync();
        await desk.GotoAsync("/Account/Login?ReturnUrl=%2Fcasework");
        await desk.GetByLabel("Work email address").FillAsync("caseworker.stk@rightsportal.test");
        await desk.GetByLabel("Password").FillAsync("Demo-Passw0rd!");
        await desk.GetByTestId("sign-in").ClickAsync();
        await Expect(desk.Locator("[data-testid=queue][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await desk.GetByTestId("queue-reference").Filter(new() { HasText = reference }).ClickAsync();
        await Expect(desk.GetByTestId("request-reference")).ToHaveTextAsync(reference);
        await DoAsync(desk, "RequestIdentity", "We could not match your details to our records");
        await Expect(desk.GetByTestId("request-status")).ToHaveTextAsync("Waiting for ID or authority");

        // The family signs in with the code from their email (written as an .eml file by the dispatcher).
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(Email);
        await page.GetByTestId("send-code").ClickAsync();
        await Expect(page.GetByTestId("check-your-email")).ToBeVisibleAsync();
        await page.GetByLabel("Enter the code").FillAsync(await CodeFromMailAsync());
        await page.GetByTestId("submit-code").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/my-requests$"));
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("Waiting for ID or authority");

        // Upload ID: the clock restarts and work begins.
        await page.Locator("#upload-kind").SelectOptionAsync("Identity");
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "passport.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n% a passport scan\n%%EOF\n"u8.ToArray() });
        await page.GetByTestId("upload-button").ClickAsync();
        await Expect(page.GetByTestId("upload-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("In progress");
        await Expect(page.GetByTestId("files")).ToContainTextAsync("passport.pdf");
        await page.ScreenshotAsync(new() { Path = Screens.Path("family-request-signed-in"), FullPage = true });

        // The team pauses for clarification; the family's reply answers it and the clock resumes.
        await OpenCaseAsync(desk, reference);
        await Expect(desk.GetByTestId("request-status")).ToHaveTextAsync("In progress");
        await Expect(desk.GetByTestId("timeline")).ToContainTextAsync("passport.pdf");
        await DoAsync(desk, "PauseForClarification", "Which years of the EHC plan do you need?");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("reply-restarts-clock")).ToBeVisibleAsync();
        await page.GetByLabel("Send a message to the information governance team").FillAsync("From 2022 onwards, please.");
        await page.GetByTestId("send-message").ClickAsync();
        await Expect(page.GetByTestId("messages")).ToContainTextAsync("From 2022 onwards, please.");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("In progress");

        // The team answers (nothing held) and closes; the family downloads the response.
        await OpenCaseAsync(desk, reference);
        await Expect(desk.GetByTestId("request-status")).ToHaveTextAsync("In progress");
        await desk.GetByTestId("action-DraftResponse").ClickAsync();
        await desk.GetByTestId("action-outcome").ClickAsync();
        await desk.GetByRole(AriaRole.Option, new() { Name = "No records held" }).ClickAsync();
        await desk.GetByTestId("action-form").Locator("textarea").First.FillAsync("We searched every service and hold no EHC records from 2022.");
        await desk.GetByTestId("action-save").ClickAsync();
        await Expect(desk.GetByTestId("action-form")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await DoAsync(desk, "Close");
        await Expect(desk.GetByTestId("request-status")).ToHaveTextAsync("Closed");

        await page.ReloadAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("Closed");
        var download = await page.APIRequest.GetAsync($"/my-requests/{reference}/response.docx");
        Assert.Equal(200, download.Status);
        Assert.Equal((byte)'P', (await download.BodyAsync())[0]); // a Word (zip) package
    }

    private async Task<string> CodeFromMailAsync()
    {
        var mail = Path.Combine(portal.DataDirectory, "mail");
        for (var i = 0; i < 60; i++)
        {
            if (Directory.Exists(mail))
            {
                foreach (var file in Directory.GetFiles(mail, "*.eml").OrderByDescending(File.GetLastWriteTimeUtc))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (text.Contains(Email, StringComparison.Ordinal) && CodePattern().Match(text) is { Success: true } match)
                    {
                        return match.Groups[1].Value;
                    }
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("No sign-in code email was written within 30 seconds.");
    }

    /// <summary>Through the interactive queue, so the case page's buttons are live before they are pressed.</summary>
    private static async Task OpenCaseAsync(IPage desk, string reference)
    {
        await desk.GotoAsync("/casework");
        await Expect(desk.Locator("[data-testid=queue][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await desk.GetByTestId("queue-reference").Filter(new() { HasText = reference }).ClickAsync();
        await Expect(desk.GetByTestId("request-reference")).ToHaveTextAsync(reference);
    }

    private static async Task DoAsync(IPage page, string action, string? text = null)
    {
        await page.GetByTestId($"action-{action}").ClickAsync();
        if (text is not null) await page.GetByTestId("action-form").Locator("textarea").First.FillAsync(text);
        await page.GetByTestId("action-save").ClickAsync();
        await Expect(page.GetByTestId("action-form")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }

    [GeneratedRegex(@"sign-in code is: (\d{6})")]
    private static partial Regex CodePattern();
}
