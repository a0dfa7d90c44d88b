using System.Net;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Seeding;

namespace RightsPortal.Web.Tests;

/// <summary>Staff sign-in and the organisation scope of the casework pages, over HTTP.</summary>
public sealed class StaffHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string AuthCookie = ".AspNetCore.Identity.Application";

    [Theory]
    [InlineData("/casework")]
    [InlineData("/staff")]
    [InlineData("/casework/requests/7d3a1f0e-1111-4222-8333-944445555666")]
    public async Task Staff_pages_send_anyone_not_signed_in_to_sign_in_with_a_return_address(string path)
    {
        var response = await portal.Browser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var target = location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
        Assert.Equal("/Account/Login", target.AbsolutePath);
        Assert.Contains("returnurl=" + Uri.EscapeDataString(path), target.Query, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_caseworker_signs_in_and_then_opens_the_queue()
    {
        var client = portal.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/casework")).StatusCode);

        var signedIn = await SignInAsync(client, "caseworker.stk@rightsportal.test", PortalSeeder.DemoPassword, "/casework");

        Assert.Equal("/casework", LocalRedirect(client, signedIn));
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal));
        var queue = await client.GetAsync("/casework");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Contains("Casework queue", await queue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_says_it_is_not_right_and_signs_nobody_in()
    {
        var client = portal.Browser();

        var response = await SignInAsync(client, "caseworker.hhj@rightsportal.test", "not-the-password", "/casework");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("not right", body, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-summary\"", body, StringComparison.Ordinal);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/casework")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("//evil.example/steal")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Sign_in_never_sends_staff_to_another_site(string returnUrl)
    {
        var client = portal.Browser();

        var response = await SignInAsync(client, "dpo.hhj@rightsportal.test", PortalSeeder.DemoPassword, returnUrl);

        Assert.Equal("/staff", LocalRedirect(client, response));
        Assert.DoesNotContain("evil", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dpo_of_the_organisation_opens_its_request_but_a_caseworker_of_another_organisation_cannot()
    {
        var (submission, posted) = await AccessRequestFields.SubmitAsync(portal.Browser(), "stk");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await using var db = portal.Db();
        var request = await db.Requests.Where(r => r.SubmissionId == submission).Select(r => new { r.Id, r.Reference }).SingleAsync();

        var dpo = portal.Browser();
        await SignInAsync(dpo, "dpo.stk@rightsportal.test", PortalSeeder.DemoPassword, "/staff");
        var detail = await dpo.GetAsync($"/casework/requests/{request.Id}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var html = await detail.Content.ReadAsStringAsync();
        Assert.Contains(request.Reference, html, StringComparison.Ordinal);
        Assert.Contains(AccessRequestFields.ChildName, html, StringComparison.Ordinal);

        var barnet = portal.Browser();
        await SignInAsync(barnet, "caseworker.bar@rightsportal.test", PortalSeeder.DemoPassword, "/staff");
        var elsewhere = await barnet.GetStringAsync($"/casework/requests/{request.Id}");
        Assert.Contains("Request not found", elsewhere, StringComparison.Ordinal);
        Assert.DoesNotContain(request.Reference, elsewhere, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessRequestFields.ChildName, elsewhere, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_is_not_shown_the_casework_queue()
    {
        var client = portal.Browser();
        await SignInAsync(client, "admin@rightsportal.test", PortalSeeder.DemoPassword, "/staff");

        var response = await client.GetAsync("/casework");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>Opens the sign-in page with a return address and posts the "login" form.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string returnUrl)
    {
        var form = await StaticForm.OpenAsync(client, "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal("login", form.Handler);
        return await form.PostAsync(client, [new("Input.Email", email), new("Input.Password", password)]);
    }

    /// <summary>The path a redirect leads to, having checked it stays on this site.</summary>
    private static string LocalRedirect(HttpClient client, HttpResponseMessage response)
    {
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
        var target = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Authority, target.Authority);
        return target.AbsolutePath;
    }
}
