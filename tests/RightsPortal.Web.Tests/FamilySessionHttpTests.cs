using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RightsPortal.Application.Families;
using RightsPortal.Application.Features.Families;
using RightsPortal.Web.Infrastructure;

namespace RightsPortal.Web.Tests;

/// <summary>The portal on a clock the test moves, to see a family session end.</summary>
public sealed class FakeClockPortalFactory : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>A family session ends after 20 idle minutes, and two hours after signing in however active the family is.</summary>
public sealed class FamilySessionHttpTests(FakeClockPortalFactory portal) : IClassFixture<FakeClockPortalFactory>
{
    [Fact]
    public async Task A_session_kept_busy_still_ends_two_hours_after_signing_in()
    {
        var client = portal.Browser();
        await SignInAsync(client, $"busy-{Guid.NewGuid():N}@example.org");

        // A page every 15 minutes keeps the 20-minute idle limit from ending it...
        for (var minutes = 15; minutes <= 120; minutes += 15)
        {
            portal.Clock.Advance(TimeSpan.FromMinutes(15));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my-requests")).StatusCode);
        }

        // ...but once two hours have passed since signing in, the family must sign in again.
        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await client.GetAsync("/my-requests");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/sign-in", new Uri(new Uri("http://localhost"), after.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/my-requests")).StatusCode); // and the cookie is gone, not just refused once
    }

    [Fact]
    public async Task A_session_left_idle_for_more_than_20_minutes_ends()
    {
        var client = portal.Browser();
        await SignInAsync(client, $"idle-{Guid.NewGuid():N}@example.org");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my-requests")).StatusCode);

        portal.Clock.Advance(TimeSpan.FromMinutes(21));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/my-requests")).StatusCode);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(119, false)]
    [InlineData(121, true)]
    public void A_principal_outlives_its_session_after_two_hours(int minutesLater, bool outlived)
    {
        var signedIn = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var principal = FamilyAuthentication.Principal("a@example.org", signedIn);

        Assert.Equal(outlived, FamilyAuthentication.HasOutlived(principal, signedIn.AddMinutes(minutesLater)));
        Assert.True(FamilyAuthentication.HasOutlived(new System.Security.Claims.ClaimsPrincipal(), signedIn)); // no sign-in time: not trusted
    }

    /// <summary>Signs in with a code the test writes (the address needs no requests to sign in; it just sees none).</summary>
    private async Task SignInAsync(HttpClient client, string email)
    {
        const string code = "123456";
        var now = portal.Clock.GetUtcNow();
        await using (var db = portal.Db())
        {
            db.FamilySignInCodes.Add(new FamilySignInCode
            {
                Id = Guid.NewGuid(),
                EmailHash = FamilyEmail.Hash(email),
                Salt = "salt",
                CodeHash = SignInCodeRules.HashCode("salt", code),
                CreatedAt = now,
                ExpiresAt = now + SignInCodeRules.Lifetime,
            });
            await db.SaveChangesAsync();
        }

        var page = await StaticForm.OpenAsync(client, "/sign-in/code?email=" + Uri.EscapeDataString(email));
        var response = await StaticForm.PostRawAsync(client, "/sign-in/code",
        [
            new("__RequestVerificationToken", page.Value("__RequestVerificationToken")!),
            new("_handler", page.Value("_handler")!),
            new("Form.Email", email),
            new("Form.Code", code),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}

/// <summary>One client may make only so many sign-in posts in 15 minutes, whichever addresses it tries.</summary>
public sealed class SignInClientLimitTests(TightSignInPortalFactory portal) : IClassFixture<TightSignInPortalFactory>
{
    [Fact]
    public async Task A_client_trying_many_addresses_is_stopped_after_its_sign_in_allowance_and_other_forms_still_work()
    {
        var client = portal.Browser();
        var form = await StaticForm.OpenAsync(client, "/sign-in");

        for (var i = 0; i < 3; i++)
        {
            var asked = await form.PostAsync(client, [new("Form.Email", $"address-{i}@example.org")]);
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var fourth = await form.PostAsync(client, [new("Form.Email", "address-4@example.org")]);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Contains("Wait 15 minutes, then ask for a new code", await fourth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await StaticForm.PostRawAsync(client, "/sign-in/code", [new("Form.Email", "address-0@example.org"), new("Form.Code", "123456")])).StatusCode);

        // The limit is the sign-in one, not the general form limit: the public request forms still answer.
        var start = await StaticForm.OpenAsync(client, "/stk/request");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await start.PostAsync(client, [])).StatusCode);
    }
}
