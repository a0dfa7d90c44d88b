using Microsoft.AspNetCore.Identity;

namespace RightsPortal.Application.Data;

/// <summary>A member of staff who signs in: caseworker, DPO or administrator.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The organisation the staff member works for; null only for portal administrators.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>For a service contact: the organisation's service whose searches they answer (e.g. "SENDCo").</summary>
    public string? ServiceName { get; set; }
}
