using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsPortal.EndToEnd.Tests;

/// <summary>With JavaScript off, a young person asks Barnet to correct their EHC plan, changes an answer, and sends it.</summary>
[Collection(PortalCollection.Name)]
public sealed class RectificationJourney(PortalServer portal)
{
    [Fact]
    public async Task A_young_person_asks_for_a_correction_checks_and_changes_their_answers_and_sends_it()
    {
        await using var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = portal.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByTestId("ask-BAR").ClickAsync();
        await page.GetByLabel("Correct records that are wrong").CheckAsync();
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("corrected");

        // Sending it empty shows what is missing, including the right's own questions.
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("error-summary")).ToContainTextAsync("What is wrong?");

        await page.GetByLabel("Young person asking for themself").CheckAsync();
        await page.GetByLabel("Your full name").FillAsync("Rectifying Young Person");
        await page.GetByLabel("Your email address").FillAsync("rectifying@example.org");
        await page.GetByLabel("Their full name").FillAsync("Rectifying Young Person");
        await page.GetByLabel("Day").FillAsync("12");
        await page.GetByLabel("Month").FillAsync("10");
        await page.GetByLabel("Year").FillAsync("2008");
        await page.GetByLabel("Special educational needs").CheckAsync();
        await page.GetByLabel("What is wrong?").FillAsync("My EHC plan says I do not use a hearing aid.");
        await page.GetByLabel("What should it say?").FillAsync("I use hearing aids.");
        await page.GetByTestId("continue").ClickAsync();

        // Check your answers, change one, and check again.
        await Expect(page.GetByTestId("check-answers")).ToContainTextAsync("I use hearing aids.");
        await page.GetByTestId("check-answers").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Change what should it say", RegexOptions.IgnoreCase) }).ClickAsync();
        await Expect(page.GetByLabel("What should it say?")).ToHaveValueAsync("I use hearing aids.");
        await page.GetByLabel("What should it say?").FillAsync("I use hearing aids in both ears.");
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("check-answers")).ToContainTextAsync("I use hearing aids in both ears.");
        await page.ScreenshotAsync(new() { Path = Screens.Path("family-rectification-check-answers"), FullPage = true });

        await page.GetByTestId("send-request").ClickAsync();
        await Expect(page.GetByTestId("confirmation-panel")).ToBeVisibleAsync();
        Assert.Matches(@"^BAR-\d{4}-\d{6}$", (await page.GetByTestId("reference").InnerTextAsync()).Trim());
    }
}
