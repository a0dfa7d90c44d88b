using RightsPortal.Domain.Requests;

namespace RightsPortal.Domain.Organisations;

public enum OrganisationKind
{
    LocalAuthority,
    MaintainedSchool,
    Academy,
}

/// <summary>A council team or school that holds records about children, described as its privacy notice describes it.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    /// <summary>Short code used in references and addresses (STK, HHJ, BAR).</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string ServiceName { get; set; } = "";
    public OrganisationKind Kind { get; set; }
    public string Summary { get; set; } = "";
    public List<Right> RightsPromised { get; set; } = [];
    public List<string> Purposes { get; set; } = [];
    public List<string> LawfulBases { get; set; } = [];
    public List<string> SharingPartners { get; set; } = [];
    public List<DataCategory> DataCategories { get; set; } = [];
    public List<OrganisationService> Services { get; set; } = [];
    public string InformationGovernanceContact { get; set; } = "";
    public string DataProtectionOfficer { get; set; } = "";
    public string ComplaintRoute { get; set; } = "";
    public string NoticeUrl { get; set; } = "";
}

/// <summary>A kind of record the organisation holds, which a family can say their request is about.</summary>
public sealed class DataCategory
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public int Order { get; set; }
}

/// <summary>A team or service within the organisation that holds records and can be asked to search them.</summary>
public sealed class OrganisationService
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
}
