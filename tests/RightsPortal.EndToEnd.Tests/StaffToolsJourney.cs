using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RightsPortal.EndToEnd.Tests;

[Collection(PortalCollection.Name)]
public sealed class StaffToolsJourney(PortalServer portal)
{
    [Fact]
    public async Task A_DPO_works_out_a_deadline_and_sees_why()
    {
        await using var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, "dpo.stk@rightsportal.test", "/deadlines");
        await Expect(page.Locator("[data-testid=calculator][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        var received = page.GetByLabel("Received on");
        await received.FillAsync("31/01/2026");
        await received.PressAsync("Tab");
        await page.GetByTestId("calc-go").ClickAsync();

        await Expect(page.GetByTestId("calc-due")).ToHaveTextAsync("Monday 2 March 2026");
        await Expect(page.GetByTestId("calc-explanation")).ToContainTextAsync("no 31 Feb");
        await page.ScreenshotAsync(new() { Path = Screens.Path("staff-deadline-calculator"), FullPage = true });
    }

    [Fact]
    public async Task An_administrator_sees_the_bank_holidays_the_clock_uses()
    {
        await using var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, "admin@rightsportal.test", "/admin/bank-holidays");
        await Expect(page.Locator("[data-testid=bank-holidays][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("holiday-list")).ToContainTextAsync("Friday 25 December 2026");
        await page.ScreenshotAsync(new() { Path = Screens.Path("admin-bank-holidays"), FullPage = true });
    }

    [Fact]
    public async Task A_schools_DPO_sees_the_school_calendar_the_clock_counts_on()
    {
        await using var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await SignInAsync(page, "dpo.hhj@rightsportal.test", "/settings/clock");
        await Expect(page.Locator("[data-testid=clock-settings][data-interactive=yes]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.GetByText("Autumn 2026 (first half)")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screens.Path("dpo-clock-settings"), FullPage = true });
    }

    private static async Task SignInAsync(IPage page, string email, string returnUrl)
    {
        await page.GotoAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Work email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Demo-Passw0rd!");
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
    }
}

internal static class Screens
{
    public static string Path(string name)
    {
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, name + ".png");
    }
}
