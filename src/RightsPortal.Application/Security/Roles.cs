namespace RightsPortal.Application.Security;

/// <summary>Staff roles. Families are never staff: they prove ownership of a request instead.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Caseworker = "Caseworker";
    public const string Dpo = "DPO";

    /// <summary>Someone in one of the organisation's services (e.g. the SENDCo) who answers the searches asked of it.</summary>
    public const string ServiceContact = "ServiceContact";

    /// <summary>A council system calling the integration API with an API key (never a person).</summary>
    public const string Integration = "Integration";

    public static readonly IReadOnlyList<string> All = [Administrator, Caseworker, Dpo, ServiceContact];
}

/// <summary>Who may send a request: any one of these roles. Requests without this or <see cref="PublicRequestAttribute"/> are refused (deny by default).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresRoleAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Anyone may send this request, signed in or not (the public family forms).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublicRequestAttribute : Attribute;

/// <summary>Only a family signed in with a sign-in code may send this; handlers scope it to their verified email address.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresFamilyAttribute : Attribute;

/// <summary>The person sending the current request.</summary>
public interface ICurrentActor
{
    bool IsAuthenticated { get; }
    string? UserId { get; }

    /// <summary>The staff member's organisation; null for administrators and the public.</summary>
    Guid? OrganisationId { get; }

    bool IsInRole(string role);

    /// <summary>The normalised email address a family proved they own with a sign-in code; null for staff and the public.</summary>
    string? VerifiedFamilyEmail { get; }
}

/// <summary>The staff member may not do this (wrong role, no organisation, or not signed in).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The thing asked for does not exist, or is not visible to this person (never say which).</summary>
public sealed class NotFoundException(string what) : Exception($"We could not find that {what}.");

public static class CurrentActorExtensions
{
    /// <summary>The organisation a staff member works for; refuses anyone without one.</summary>
    public static Guid RequireOrganisation(this ICurrentActor actor) =>
        actor.OrganisationId ?? throw new ForbiddenException("Your account is not linked to an organisation. Ask an administrator to link it.");
}

/// <summary>Someone else changed the case since this person loaded it: nothing was saved.</summary>
public sealed class ConcurrencyConflictException() : Exception(
    "Someone else changed this case while you were working on it, so your change was not saved. Reload the case to see what changed, then try again.");
