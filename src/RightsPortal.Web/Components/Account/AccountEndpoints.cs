using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using RightsPortal.Application.Data;

namespace RightsPortal.Web.Components.Account;

internal static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an anti-forgery token, so another site cannot sign staff out.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async ([FromServices] SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login?signedOut=true");
        }).ExcludeFromDescription();
    }
}
