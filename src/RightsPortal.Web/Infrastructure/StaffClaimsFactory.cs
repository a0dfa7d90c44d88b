using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Data;

namespace RightsPortal.Web.Infrastructure;

/// <summary>Puts the staff member's organisation and display name into their sign-in cookie.</summary>
internal sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    public const string OrganisationClaim = "rightsportal:organisation";
    public const string DisplayNameClaim = "rightsportal:display-name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.OrganisationId is { } organisationId)
        {
            identity.AddClaim(new Claim(OrganisationClaim, organisationId.ToString()));
        }

        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
