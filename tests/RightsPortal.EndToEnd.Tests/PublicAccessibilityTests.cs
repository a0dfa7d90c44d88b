using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsPortal.EndToEnd.Tests;

/// <summary>
/// WCAG 2.2 AA on every public page and state (issue 5): an axe-core scan with zero violations, a heading outline
/// with one h1 and no skipped level, a label on every field, a visible focus indicator on everything focusable, and
/// no sideways scrolling at 200% zoom (and at 400%, WCAG 1.4.10's 320 CSS pixels). One page load per state runs
/// every check and reports every problem found, so a failure lists all of them at once.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PublicAccessibilityTests(PortalServer portal) : IAsyncLifetime
{
    /// <summary>Every public page and state, by name; each gets there the way a family (or staff member) would.</summary>
    private static readonly Dictionary<string, Func<IPage, Task>> States = new()
    {
        ["start page"] = page => Go(page, "/"),
        ["STK access-request form"] = page => Go(page, "/stk/access-request"),
        ["HHJ access-request form"] = page => Go(page, "/hhj/access-request"),
        ["BAR access-request form"] = page => Go(page, "/bar/access-request"),
        ["access-request form with errors"] = async page =>
        {
            await Go(page, "/stk/access-request");
            await page.GetByTestId("continue").ClickAsync();
            await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        },
        ["access-request: check your answers"] = async page =>
        {
            await AnswerAccessRequestAsync(page, "Parent or carer");
            await page.GetByLabel("I have parental responsibility for this child, or I care for them").CheckAsync();
            await page.GetByTestId("continue").ClickAsync();
            await Expect(page.GetByTestId("check-answers")).ToBeVisibleAsync();
        },
        ["access-request: representative's upload"] = async page =>
        {
            await AnswerAccessRequestAsync(page, "Someone acting for the family");
            await page.GetByTestId("continue").ClickAsync();
            await Expect(page.GetByTestId("authority-upload")).ToBeVisibleAsync();
        },
        ["access-request: representative's upload refused"] = async page =>
        {
            await AnswerAccessRequestAsync(page, "Someone acting for the family");
            await page.GetByTestId("continue").ClickAsync();
            await page.GetByLabel("Upload the family's signed authority (optional)").SetInputFilesAsync(new FilePayload
            {
                Name = "authority.pdf", MimeType = "application/pdf", Buffer = "<html>not a pdf</html>"u8.ToArray(),
            });
            await page.GetByTestId("send-request").ClickAsync();
            await Expect(page.GetByTestId("authority-what-to-do")).ToBeVisibleAsync();
        },
        ["confirmation page"] = async page =>
        {
            await AnswerAccessRequestAsync(page, "Parent or carer", "/bar/access-request");
            await page.GetByLabel("I have parental responsibility for this child, or I care for them").CheckAsync();
            await page.GetByTestId("continue").ClickAsync();
            await page.GetByTestId("send-request").ClickAsync();
            await Expect(page.GetByTestId("confirmation-panel")).ToBeVisibleAsync();
        },
        ["choice of right"] = page => Go(page, "/stk/request"),
        ["rectification form"] = page => Go(page, "/bar/request/correct"),
        ["rectification form with errors"] = async page =>
        {
            await Go(page, "/bar/request/correct");
            await page.GetByTestId("continue").ClickAsync();
            await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        },
        ["rectification: check your answers"] = async page =>
        {
            await Go(page, "/bar/request/correct");
            await page.GetByLabel("Young person asking for themself").CheckAsync();
            await page.GetByLabel("Your full name").FillAsync("Accessible Young Person");
            await page.GetByLabel("Your email address").FillAsync("accessible.young@example.org");
            await page.GetByLabel("Their full name").FillAsync("Accessible Young Person");
            await page.GetByLabel("Day").FillAsync("5");
            await page.GetByLabel("Month").FillAsync("11");
            await page.GetByLabel("Year").FillAsync("2008");
            await page.Locator("input[name=categories]").First.CheckAsync();
            await page.GetByLabel("What is wrong?").FillAsync("My plan says I do not use a hearing aid.");
            await page.GetByLabel("What should it say?").FillAsync("I use a hearing aid in both ears.");
            await page.GetByTestId("continue").ClickAsync();
            await Expect(page.GetByTestId("check-answers")).ToBeVisibleAsync();
        },
        ["staff sign-in page"] = page => Go(page, "/Account/Login"),
        ["staff sign-in page with an error"] = async page =>
        {
            await Go(page, "/Account/Login");
            await page.GetByLabel("Work email address").FillAsync("nobody@rightsportal.test");
            await page.GetByLabel("Password").FillAsync("not-the-password");
            await page.GetByTestId("sign-in").ClickAsync();
            await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        },
        ["family sign-in page"] = page => Go(page, "/sign-in"),
        ["family sign-in page with an error"] = async page =>
        {
            await Go(page, "/sign-in");
            await page.GetByTestId("send-code").ClickAsync();
            await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        },
        ["family sign-in: check your email"] = async page =>
        {
            await Go(page, "/sign-in");
            await page.GetByLabel("Email address").FillAsync("accessible.parent@example.org");
            await page.GetByTestId("send-code").ClickAsync();
            await Expect(page.GetByTestId("check-your-email")).ToBeVisibleAsync();
        },
        ["family sign-in: wrong code"] = async page =>
        {
            await Go(page, "/sign-in");
            await page.GetByLabel("Email address").FillAsync("accessible.parent@example.org");
            await page.GetByTestId("send-code").ClickAsync();
            await page.GetByLabel("Enter the code").FillAsync("000000");
            await page.GetByTestId("submit-code").ClickAsync();
            await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        },
        ["not-found page (unknown address)"] = page => Go(page, "/no-such-page", expectStatus: 404),
        ["not-found page (unknown organisation)"] = page => Go(page, "/zzz/access-request", expectStatus: 404),
    };

    public static TheoryData<string> StateNames() => [.. States.Keys];

    [Theory]
    [MemberData(nameof(StateNames))]
    public async Task Meets_WCAG_2_2_AA(string state)
    {
        var page = await ArriveAsync(state);
        var problems = new List<string>();
        problems.AddRange((await Accessibility.AxeViolationsAsync(page)).Select(p => "axe: " + p));
        problems.AddRange((await Accessibility.HeadingProblemsAsync(page)).Select(p => "headings: " + p));
        problems.AddRange((await Accessibility.UnlabelledFieldsAsync(page)).Select(p => "labels: " + p));
        problems.AddRange((await Accessibility.ElementsWithoutVisibleFocusAsync(page)).Select(p => "focus: " + p));
        AssertNone(state, problems);
    }

    [Theory]
    [MemberData(nameof(StateNames))]
    public async Task Reflows_without_sideways_scrolling_at_200_and_400_percent_zoom(string state)
    {
        // A 1280-pixel window at 200% zoom lays out 640 CSS pixels; at 400%, 320 (WCAG 1.4.10 reflow).
        var page = await ArriveAsync(state, new ViewportSize { Width = 640, Height = 900 }, deviceScaleFactor: 2);
        var problems = new List<string>();
        problems.AddRange((await Accessibility.HorizontalScrollingAsync(page)).Select(p => "200%: " + p));
        await page.SetViewportSizeAsync(320, 900);
        problems.AddRange((await Accessibility.HorizontalScrollingAsync(page)).Select(p => "400%: " + p));
        AssertNone(state, problems);
    }

    private async Task<IPage> ArriveAsync(string state, ViewportSize? viewport = null, float? deviceScaleFactor = null)
    {
        // JavaScript on for the scanning scripts only (the public pages load none); the portal's CSP forbids inline
        // script, so the injected axe needs BypassCSP.
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(),
            JavaScriptEnabled = true,
            BypassCSP = true,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            DeviceScaleFactor = deviceScaleFactor ?? 1,
        });
        contexts.Add(context);
        context.SetDefaultTimeout(10_000); // server-rendered pages: a missing element is a failure, not something to wait for
        var page = await context.NewPageAsync();
        await States[state](page);
        return page;
    }

    private readonly List<IBrowserContext> contexts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in contexts) await context.DisposeAsync();
    }

    /// <summary>Fills in the access form as <paramref name="role"/> (its declaration, if any, is left to the state).</summary>
    private static async Task AnswerAccessRequestAsync(IPage page, string role, string path = "/stk/access-request")
    {
        await Go(page, path);
        await page.GetByLabel(role).CheckAsync();
        await page.GetByLabel("Your full name").FillAsync("Accessible Parent");
        await page.GetByLabel("Your email address").FillAsync("accessible.parent@example.org");
        await page.GetByLabel("Their full name").FillAsync("Accessible Child");
        await page.GetByLabel("Day").FillAsync("5");
        await page.GetByLabel("Month").FillAsync("11");
        await page.GetByLabel("Year").FillAsync("2015");
        await page.Locator("input[name=categories]").First.CheckAsync();
    }

    private static async Task Go(IPage page, string path, int expectStatus = 200)
    {
        var response = await page.GotoAsync(path);
        Assert.Equal(expectStatus, response?.Status);
        Assert.Equal(0, await page.Locator("script").CountAsync()); // public pages stay JavaScript-free
    }

    private static void AssertNone(string state, List<string> problems) =>
        Assert.True(problems.Count == 0, $"{state}: {problems.Count} problem(s)\n  " + string.Join("\n  ", problems));
}
