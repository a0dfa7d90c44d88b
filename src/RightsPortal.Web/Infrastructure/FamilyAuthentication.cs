using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace RightsPortal.Web.Infrastructure;

/// <summary>
/// Families sign in with a one-time code, not a staff account: their own cookie scheme, whose principal carries only
/// the email address they proved. It never grants a staff page, and the staff cookie never grants a family page.
/// </summary>
public static class FamilyAuthentication
{
    public const string Scheme = "Family";
    public const string Policy = "Family";
    public const string EmailClaim = "rightsportal:family-email";
    public const string CookieName = "RightsPortal.Family";
    public const string SignedInAtClaim = "rightsportal:signed-in-at";

    /// <summary>The session ends after this long without a page being opened.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(20);

    /// <summary>
    /// However active the family is, a session ends this long after they signed in: a shared or stolen device does
    /// not stay signed in for ever. They sign in again with a new code.
    /// </summary>
    public static readonly TimeSpan AbsoluteLimit = TimeSpan.FromHours(2);

    public static ClaimsPrincipal Principal(string verifiedEmail, DateTimeOffset signedInAt) =>
        new(new ClaimsIdentity(
        [
            new Claim(EmailClaim, verifiedEmail),
            new Claim(SignedInAtClaim, signedInAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], Scheme));

    /// <summary>True when the session began more than <see cref="AbsoluteLimit"/> ago, or does not say when it began.</summary>
    public static bool HasOutlived(ClaimsPrincipal user, DateTimeOffset now) =>
        !long.TryParse(user.FindFirst(SignedInAtClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        || now - DateTimeOffset.FromUnixTimeSeconds(seconds) > AbsoluteLimit;

    /// <summary>The verified address, when this principal holds a family identity.</summary>
    public static string? VerifiedEmail(ClaimsPrincipal user) =>
        user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == Scheme)?.FindFirst(EmailClaim)?.Value;

    public static void AddFamilyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the site is served over HTTPS
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.IsEssential = true;
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/sign-in";
            o.AccessDeniedPath = "/sign-in";
            o.Events.OnValidatePrincipal = async context =>
            {
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (context.Principal is { } principal && HasOutlived(principal, now))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Scheme);
                }
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p
                .AddAuthenticationSchemes(Scheme) // only the family cookie: the staff cookie is not looked at
                .RequireAuthenticatedUser()
                .RequireClaim(EmailClaim));
    }

    /// <summary>Sign-out is a POST with an anti-forgery token, so another site cannot sign a family out.</summary>
    public static void MapFamilyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/sign-out-family", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            // The page's token was issued to the family principal, so check it against that principal.
            var family = await context.AuthenticateAsync(Scheme);
            if (family.Succeeded)
            {
                context.User = family.Principal;
            }

            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await context.SignOutAsync(Scheme);
            return Results.LocalRedirect("~/sign-in?signedOut=true");
        }).ExcludeFromDescription();
    }
}
