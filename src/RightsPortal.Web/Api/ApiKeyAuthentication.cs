using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Web.Infrastructure;

namespace RightsPortal.Web.Api;

/// <summary>
/// Authenticates a council system by the API key in the X-Api-Key header. A missing, unknown or revoked key is a
/// 401 problem; a signed-in person without the integration role gets a 403 problem. No cookies, no redirects.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<PortalDb> dbs)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string Policy = "Integration";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = values.ToString().Trim();
        await using var db = await dbs.CreateDbContextAsync(Context.RequestAborted);
        var prefix = ApiKey.PrefixOf(secret);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (key is null || !key.Matches(secret))
        {
            return AuthenticateResult.Fail("The API key is not valid, or has been revoked.");
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"api-key:{key.Id}"),
            new Claim(ClaimTypes.Name, key.Name),
            new Claim(ClaimTypes.Role, Roles.Integration),
            new Claim(StaffClaimsFactory.OrganisationClaim, key.OrganisationId.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "An API key is needed",
            detail: $"Send a valid API key in the {Header} header. Ask a RightsPortal administrator to issue one.").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
            detail: "This API is for integrations using an API key.").ExecuteAsync(Context);
}
