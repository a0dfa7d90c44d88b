using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using RightsPortal.Application.Security;

namespace RightsPortal.Web.Infrastructure;

/// <summary>
/// The signed-in staff member, from the HTTP request (static pages, endpoints) or from the circuit's
/// authentication state (interactive staff pages, where there is no current HTTP request).
/// </summary>
internal sealed class CurrentActor(IHttpContextAccessor http, AuthenticationStateProvider authentication) : ICurrentActor
{
    private ClaimsPrincipal? principal;

    private ClaimsPrincipal Principal => principal ??= Resolve();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public string? UserId => IsAuthenticated ? Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public Guid? OrganisationId =>
        IsAuthenticated && Guid.TryParse(Principal.FindFirstValue(StaffClaimsFactory.OrganisationClaim), out var id) ? id : null;

    public bool IsInRole(string role) => IsAuthenticated && Principal.IsInRole(role);

    /// <summary>From the family cookie only (pages under the family policy), never from a staff sign-in or the circuit.</summary>
    public string? VerifiedFamilyEmail =>
        http.HttpContext is { } context && !context.Request.Path.StartsWithSegments("/_blazor")
            ? FamilyAuthentication.VerifiedEmail(context.User)
            : null;

    private ClaimsPrincipal Resolve()
    {
        var context = http.HttpContext;
        if (context is not null && !context.Request.Path.StartsWithSegments("/_blazor"))
        {
            // A family's identity proves an email address, not a staff member: it never counts as signed-in staff.
            return context.User.Identities.Any(i => i.AuthenticationType == FamilyAuthentication.Scheme)
                ? new ClaimsPrincipal(context.User.Identities.Where(i => i.AuthenticationType != FamilyAuthentication.Scheme))
                : context.User;
        }

        // Server-side providers hold a completed task for the circuit's user.
        return authentication.GetAuthenticationStateAsync().GetAwaiter().GetResult().User;
    }
}
