using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsPortal.EndToEnd.Tests;

/// <summary>
/// WCAG 2.2 AA on the pages a signed-in family sees (issue 5: "every public page and state ... signed-in list"): their
/// list of requests, a request's page (and its states: a message sent, an upload refused, a message with an error), the
/// withdrawal page and the signed-out page. Same checks as <see cref="PublicAccessibilityTests"/>: axe-core, heading
/// outline, labels, visible focus, reflow at 200% and 400% zoom. The family signs in once with an emailed code and
/// every state opens in a fresh browser context carrying that session.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class FamilySignedInAccessibilityTests(PortalServer portal) : IAsyncLifetime
{
    private const string Email = "accessible.signed.in@example.org";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? reference;
    private static string? signedInState;

    private static readonly Dictionary<string, Func<IPage, string, Task>> States = new()
    {
        ["my requests list"] = (page, r) => Go(page, "/my-requests"),
        ["my request page"] = (page, r) => Go(page, $"/my-requests/{r}"),
        ["my request page: message sent"] = async (page, r) =>
        {
            await Go(page, $"/my-requests/{r}");
            await page.GetByLabel("Send a message to the information governance team").FillAsync("Please include the speech therapy reports.");
            await page.GetByTestId("send-message").ClickAsync();
            await Expect(page.GetByTestId("message-sent")).ToBeVisibleAsync();
        },
        ["my request page: empty message refused"] = async (page, r) =>
        {
            await Go(page, $"/my-requests/{r}");
            await page.GetByTestId("send-message").ClickAsync();
            await Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        },
        ["my request page: upload refused"] = async (page, r) =>
        {
            await Go(page, $"/my-requests/{r}");
            await page.GetByTestId("upload-button").ClickAsync();
            await Expect(page.GetByTestId("upload-error")).ToBeVisibleAsync();
        },
        ["withdraw page"] = (page, r) => Go(page, $"/my-requests/{r}/withdraw"),
        ["signed out"] = async (page, r) =>
        {
            await Go(page, "/my-requests");
            await page.GetByTestId("family-sign-out").Locator("button").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?signedOut=true$"));
        },
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
        var page = await ArriveAsync(state, new ViewportSize { Width = 640, Height = 900 }, deviceScaleFactor: 2);
        var problems = new List<string>();
        problems.AddRange((await Accessibility.HorizontalScrollingAsync(page)).Select(p => "200%: " + p));
        await page.SetViewportSizeAsync(320, 900);
        problems.AddRange((await Accessibility.HorizontalScrollingAsync(page)).Select(p => "400%: " + p));
        AssertNone(state, problems);
    }

    private async Task<IPage> ArriveAsync(string state, ViewportSize? viewport = null, float? deviceScaleFactor = null)
    {
        await EnsureSignedInAsync();
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(),
            JavaScriptEnabled = true, // for the scanning scripts only: the pages load none
            BypassCSP = true,
            StorageState = signedInState,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            DeviceScaleFactor = deviceScaleFactor ?? 1,
        });
        contexts.Add(context);
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        await States[state](page, reference!);
        return page;
    }

    /// <summary>Once for the class: a young person asks Barnet for a correction, then signs in with the emailed code.</summary>
    private async Task EnsureSignedInAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (signedInState is not null) return;
            await using var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
            context.SetDefaultTimeout(15_000);
            var page = await context.NewPageAsync();

            await page.GotoAsync("/bar/request/correct");
            await page.GetByLabel("Young person asking for themself").CheckAsync();
            await page.GetByLabel("Your full name").FillAsync("Signed In Youngperson");
            await page.GetByLabel("Your email address").FillAsync(Email);
            await page.GetByLabel("Their full name").FillAsync("Signed In Youngperson");
            await page.GetByLabel("Day").FillAsync("5");
            await page.GetByLabel("Month").FillAsync("11");
            await page.GetByLabel("Year").FillAsync("2008");
            await page.Locator("input[name=categories]").First.CheckAsync();
            await page.GetByLabel("What is wrong?").FillAsync("My plan says I do not use a hearing aid.");
            await page.GetByLabel("What should it say?").FillAsync("I use a hearing aid in both ears.");
            await page.GetByTestId("continue").ClickAsync();
            await page.GetByTestId("send-request").ClickAsync();
            reference = (await page.GetByTestId("reference").TextContentAsync())!.Trim();

            await page.GotoAsync("/sign-in");
            await page.GetByLabel("Email address").FillAsync(Email);
            await page.GetByTestId("send-code").ClickAsync();
            await page.GetByLabel("Enter the code").FillAsync(await CodeFromMailAsync());
            await page.GetByTestId("submit-code").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/my-requests$"));
            signedInState = await context.StorageStateAsync();
        }
        finally
        {
            Gate.Release();
        }
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

    private readonly List<IBrowserContext> contexts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in contexts) await context.DisposeAsync();
    }

    private static async Task Go(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response?.Status);
        Assert.EndsWith(path, new Uri(page.Url).PathAndQuery, StringComparison.Ordinal); // still signed in, not sent to /sign-in
        Assert.Equal(0, await page.Locator("script").CountAsync()); // the family pages stay JavaScript-free
    }

    private static void AssertNone(string state, List<string> problems) =>
        Assert.True(problems.Count == 0, $"{state}: {problems.Count} problem(s)\n  " + string.Join("\n  ", problems));

    [GeneratedRegex(@"sign-in code is: (\d{6})")]
    private static partial Regex CodePattern();
}
