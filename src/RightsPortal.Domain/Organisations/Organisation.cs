using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

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

    /// <summary>Which bank holidays the clock skips (England and Wales unless set).</summary>
    public HolidayRegion HolidayRegion { get; set; }

    /// <summary>How clarification pauses are counted: statutory by default, the ICO's stricter count as a choice.</summary>
    public PauseReading PauseReading { get; set; }

    public ComplaintReading ComplaintReading { get; set; }

    /// <summary>T7: the organisation's own shorter target, in days; none when null.</summary>
    public int? InternalTargetDays { get; set; }

    public bool InternalTargetInWorkingDays { get; set; } = true;

    /// <summary>Terms of a school's calendar (the 15-school-day educational-record route counts on them).</summary>
    public List<SchoolTerm> SchoolTerms { get; set; } = [];

    public List<InsetDay> InsetDays { get; set; } = [];

    /// <summary>The retention schedule: how long each kind of record is kept (erasure decisions are checked against it).</summary>
    public List<RetentionRule> RetentionRules { get; set; } = [];

    /// <summary>
    /// Where a period counted from 29 February ends in a year without one: 1 March when true, 28 February (the
    /// domain rules' default) when false. The DPO sets it with the schedule.
    /// </summary>
    public bool LeapDayToFirstMarch { get; set; }

    /// <summary>The clock settings this organisation's requests are counted with.</summary>
    public ClockSettings ClockSettings(HolidayCalendar holidays) => new(
        holidays,
        PauseReading,
        ComplaintReading,
        InternalTargetDays is > 0 and var days ? new InternalTarget(days, InternalTargetInWorkingDays) : null,
        SchoolTerms.Count == 0 ? null : new SchoolCalendar(SchoolTerms.Select(t => (t.StartsOn, t.EndsOn)), InsetDays.Select(d => d.Date)));
}

/// <summary>A school term (or half-term block) when pupils attend.</summary>
public sealed class SchoolTerm
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
}

/// <summary>A staff training day inside a term: not a school day.</summary>
public sealed class InsetDay
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public DateOnly Date { get; set; }
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
