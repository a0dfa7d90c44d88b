using System.Reflection;
using MediatR;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Behaviours;

/// <summary>
/// Deny by default: a request type must declare who may send it. Staff roles other than administrator also need an
/// organisation; handlers then scope every read and write to it.
/// </summary>
public sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentActor actor) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsPublic = typeof(TRequest).GetCustomAttribute<PublicRequestAttribute>() is not null;
    private static readonly bool IsFamily = typeof(TRequest).GetCustomAttribute<RequiresFamilyAttribute>() is not null;
    private static readonly IReadOnlyList<string>? RequiredRoles = typeof(TRequest).GetCustomAttribute<RequiresRoleAttribute>()?.Roles;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (IsPublic)
        {
            return next();
        }

        if (IsFamily)
        {
            // A family's own requests only: staff roles do not count, a verified email address does.
            return string.IsNullOrEmpty(actor.VerifiedFamilyEmail)
                ? throw new ForbiddenException("Sign in with a code to see your requests.")
                : next();
        }

        if (RequiredRoles is null || RequiredRoles.Count == 0)
        {
            throw new ForbiddenException($"{typeof(TRequest).Name} does not say who may use it, so nobody may.");
        }

        if (!actor.IsAuthenticated)
        {
            throw new ForbiddenException("Sign in to do this.");
        }

        if (!RequiredRoles.Any(actor.IsInRole))
        {
            throw new ForbiddenException("Your role does not allow this.");
        }

        if (!actor.IsInRole(Roles.Administrator) && actor.OrganisationId is null)
        {
            throw new ForbiddenException("Your account is not linked to an organisation. Ask an administrator to link it.");
        }

        return next();
    }
}
