using System.Net;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Oversight;
using RightsPortal.Application.Seeding;

namespace RightsPortal.Web.Tests;

/// <summary>The oversight pages over HTTP: who may open them, and the daily audit check started with the app.</summary>
public sealed class OversightHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/oversight/notices")]
    [InlineData("/oversight/audit")]
    public async Task Anyone_not_signed_in_is_sent_to_sign_in(string path)
    {
        var response = await portal.Browser().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/oversight/notices")]
    [InlineData("/oversight/audit")]
    public async Task A_caseworker_is_refused(string path)
    {
        var client = portal.Browser();
        await SignInAsync(client, "caseworker.stk@rightsportal.test");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dpo.hhj@rightsportal.test", "/oversight/notices", "Privacy notices")]
    [InlineData("dpo.hhj@rightsportal.test", "/oversight/audit", "Audit trail")]
    [InlineData("admin@rightsportal.test", "/oversight/notices", "Privacy notices")]
    [InlineData("admin@rightsportal.test", "/oversight/audit", "Audit trail")]
    public async Task A_DPO_or_an_administrator_opens_the_page_and_sees_the_links_to_both(string email, string path, string heading)
    {
        var client = portal.Browser();
        await SignInAsync(client, email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(heading, html, StringComparison.Ordinal);
        Assert.Contains("href=\"/oversight/notices\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/oversight/audit\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_checks_the_audit_trail_when_it_starts()
    {
        portal.Browser(); // starts the app
        int daily = 0;
        for (var i = 0; i < 100 && daily == 0; i++)
        {
            await using var db = portal.Db();
            daily = await db.AuditChainChecks.CountAsync(c => c.Trigger == AuditChainChecker.Daily);
            if (daily == 0) await Task.Delay(50);
        }

        Assert.Equal(1, daily);
    }

    private static async Task SignInAsync(HttpClient client, string email)
    {
        var form = await StaticForm.OpenAsync(client, "/Account/Login?ReturnUrl=%2Fstaff");
        var response = await form.PostAsync(client, [new("Input.Email", email), new("Input.Password", PortalSeeder.DemoPassword)]);
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.SeeOther });
    }
}
