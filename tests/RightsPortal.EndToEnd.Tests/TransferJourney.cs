using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsPortal.EndToEnd.Tests;

/// <summary>
/// A parent asks the council for a young person's school records: the caseworker sees the young-person warning,
/// records the young person's agreement, asks for and receives a fee, and transfers the request to the school,
/// whose caseworker finds it with its own reference and clock.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class TransferJourney(PortalServer portal)
{
    [Fact]
    public async Task A_caseworker_checks_authority_takes_a_fee_and_transfers_the_request_to_the_school()
    {
        // The family (JavaScript off): a parent asks Stoke about a young person born in 2009.
        await using var family = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = portal.BaseAddress.ToString() });
        var form = await family.NewPageAsync();
        await form.GotoAsync("/stk/access-request");
        await form.GetByLabel("Parent or carer").CheckAsync();
        await form.GetByLabel("I have parental responsibility for this child, or I care for them").CheckAsync();
        await form.GetByLabel("Your full name").FillAsync("Transfer Parent");
        await form.GetByLabel("Your email address").FillAsync("transfer.parent@example.org");
        await form.GetByLabel("Their full name").FillAsync("Transfer Young Person");
        await form.GetByLabel("Day").FillAsync("2");
        await form.GetByLabel("Month").FillAsync("9");
        await form.GetByLabel("Year").FillAsync("2009");
        await form.GetByLabel("EHC needs assessment and plan").CheckAsync();
        await form.GetByTestId("continue").ClickAsync();
        await form.GetByTestId("send-request").ClickAsync();
        var reference = (await form.GetByTestId("reference").InnerTextAsync()).Trim();

        await using var staff = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        var page = await staff.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add(m.Text); };
        await SignInAsync(page, "caseworker.stk@rightsportal.test");
        await page.GetByTestId("queue-reference").Filter(new() { HasText = reference }).ClickAsync();
        await Expect(page.GetByTestId("request-reference")).ToHaveTextAsync(reference);

        // The young person's rights are their own: the caseworker is warned and records their agreement.
        await Expect(page.GetByTestId("subject-stage")).ToContainTextAsync("young person since");
        await Expect(page.GetByTestId("authority-warning").First).ToContainTextAsync("EHC rights are now their own");
        await page.GetByTestId("authority-add").ClickAsync();
        await page.GetByTestId("authority-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Parental responsibility declared" }).ClickAsync();
        await page.GetByTestId("case-authority").Locator("textarea").First.FillAsync("Mother, named on the EHC plan; the young person agreed by phone");
        await page.GetByTestId("authority-save").ClickAsync();
        await Expect(page.GetByTestId("authority-records")).ToContainTextAsync("Parental responsibility declared");

        // A fee for a manifestly excessive request: work waits, then the clock restarts on payment.
        await DoAsync(page, "ProceedWithoutIdentity", "Known family; details match the EHC plan");
        await page.GetByTestId("action-RequestFee").ClickAsync();
        await page.GetByTestId("action-fee-amount").FillAsync("25");
        await page.GetByTestId("action-form").Locator("textarea").First.FillAsync("Fifth request for the same records this month; two hours of staff time");
        await page.GetByTestId("action-save").ClickAsync();
        await Expect(page.GetByTestId("request-status")).ToHaveTextAsync("Waiting for a fee");
        await Expect(page.GetByTestId("fee-awaited")).ToContainTextAsync("£25.00");
        await DoAsync(page, "RecordFeePaid");
        await Expect(page.GetByTestId("request-status")).ToHaveTextAsync("In progress");

        // The records are the school's: transfer the whole request to Hursthead.
        await page.GetByTestId("action-Transfer").ClickAsync();
        await page.GetByTestId("transfer-organisation").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Hursthead Junior School" }).ClickAsync();
        await page.GetByText("Education, Health and Care plans", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("transfer-form").Locator("textarea").Last.FillAsync("the SEN support records are held by the school");
        await page.GetByTestId("transfer-save").ClickAsync();
        await Expect(page.GetByTestId("request-status")).ToHaveTextAsync("Transferred", new() { Timeout = 10_000 });
        await Expect(page.GetByTestId("transferred-to")).ToContainTextAsync("HHJ-");
        await Expect(page.GetByTestId("transfer-notice")).ToContainTextAsync("Hursthead Junior School");
        await Expect(page.GetByTestId("no-actions")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screens.Path("caseworker-transferred-case"), FullPage = true });
        var schoolReference = Regex.Match(await page.GetByTestId("transferred-to").InnerTextAsync(), @"HHJ-\d{4}-\d{6}").Value;
        Assert.Empty(problems);

        // The school's caseworker finds it, with its own clock and a link back to the council's reference.
        await using var school = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        var desk = await school.NewPageAsync();
        await SignInAsync(desk, "caseworker.hhj@rightsportal.test");
        await desk.GetByTestId("queue-reference").Filter(new() { HasText = schoolReference }).ClickAsync();
        await Expect(desk.GetByTestId("transferred-from")).ToContainTextAsync(reference);
        await Expect(desk.GetByTestId("timeline")).ToContainTextAsync("Transferred in");
        await Expect(desk.GetByTestId("request-status")).ToHaveTextAsync("Received");
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login?ReturnUrl=%2Fcasework");
        await page.GetByLabel("Work email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Demo-Passw0rd!");
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page.Locator("[data-testid=queue][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
    }

    private static async Task DoAsync(IPage page, string action, string? text = null)
    {
        await page.GetByTestId($"action-{action}").ClickAsync();
        if (text is not null) await page.GetByTestId("action-form").Locator("textarea").First.FillAsync(text);
        await page.GetByTestId("action-save").ClickAsync();
        await Expect(page.GetByTestId("action-form")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }
}
