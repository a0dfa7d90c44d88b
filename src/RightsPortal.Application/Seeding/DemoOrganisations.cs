using RightsPortal.Domain.Organisations;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Seeding;

/// <summary>
/// The three demo organisations, written from their public privacy notices (kept in the repository's shared seeds;
/// the app never reads those files at run time).
/// </summary>
public static class DemoOrganisations
{
    private const string IcoRoute =
        "If you are unhappy with our answer you can complain to the Information Commissioner's Office (ICO): " +
        "Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF, telephone 0303 123 1113, https://ico.org.uk/make-a-complaint/. " +
        "You can also ask a court to enforce your rights.";

    public static IReadOnlyList<Organisation> All() => [Stoke(), Hursthead(), Barnet()];

    private static Organisation Stoke() => new()
    {
        Code = "STK",
        Name = "Stoke-on-Trent City Council",
        ServiceName = "Special Educational Needs Monitoring and Assessment Service (SENMAS)",
        Kind = OrganisationKind.LocalAuthority,
        Summary = "The council's SEN team: EHC needs assessments, EHC plans, top-up funding and support for children and young people with special educational needs.",
        // "Please contact the SENMAS Team if you wish to: amend, access, correct, erase, restrict, object, have it transferred"; concerns to the team first.
        RightsPromised = [Right.Access, Right.Rectification, Right.Erasure, Right.Restriction, Right.Objection, Right.Portability, Right.Complaint],
        Purposes =
        [
            "Consider and conduct a statutory Education, Health and Care (EHC) needs assessment",
            "Consider whether additional ('top up') funding is needed",
            "Include in an Education, Health and Care (EHC) plan",
            "Consult with educational and care settings about future placements",
            "Provide educational support for children and young people with special educational needs",
            "Monitor, review and report on progress",
            "Safeguard children and young people",
            "Ensure the medical health, safety and wellbeing of children and young people",
        ],
        LawfulBases = ["Legal obligation (for example the SEND Code of Practice)", "Public task", "Vital interests"],
        SharingPartners =
        [
            "Stoke-on-Trent City Council ICT service providers", "Other council teams (including Admissions, Early Help, Children's Social Care, Home to School Transport, Youth Offending Team, legal services)",
            "Other local authority SEN teams", "Early years providers, schools and post-16 settings at transition points", "Educational Psychology Service",
            "Sensory Teams", "The National Health Service and other health professionals", "Plan writers", "Department for Education (DfE)", "Ofsted",
            "Mediation services and the SEND Tribunal (SENDIST)",
        ],
        DataCategories = Categories(
            ("contact-details", "Contact details", "The child or young person's and family's contact details"),
            ("attainment", "Attainment and assessment results", "National curriculum and attainment data, including assessment results"),
            ("attendance-exclusions", "Attendance and exclusions", "Attendance and exclusion information"),
            ("settings", "Information from schools and settings", "From previous and current early years providers, schools and post-16 providers"),
            ("other-la-sen", "Information from other councils' SEN teams", "Records received from other local authority SEN teams"),
            ("health", "Health and medical information", "Health and medical information, including from health colleagues"),
            ("social-care", "Social care information", "Information from children's social care"),
            ("characteristics", "Personal characteristics", "Such as religion and ethnic group"),
            ("ehc", "EHC needs assessment and plan", "The EHC needs assessment, EHC plan and reviews")),
        Services = Services("SENMAS casework team", "EHC plan writers", "Educational Psychology Service", "Sensory Teams"),
        InformationGovernanceContact = "SENMAS Team, Children and Family Services, Civic Centre, Glebe Street, Stoke-on-Trent ST4 1HH. Concerns: Heather Gibbs, Heather.Gibbs@stoke.gov.uk",
        DataProtectionOfficer = "Stoke-on-Trent City Council's Data Protection Officer (the notice does not name them; ask the SENMAS Team)",
        ComplaintRoute = IcoRoute,
        NoticeUrl = "https://www.stoke.gov.uk",
        RetentionRules = Schedule(
            Rule("SEN file, EHC plan and reviews", RetentionTrigger.DateOfBirth, 31, RetentionAction.Review, "ehc", "settings", "other-la-sen", "attainment", "attendance-exclusions", "health", "characteristics"),
            Rule("Child-protection case records (council)", RetentionTrigger.Closure, 35, RetentionAction.Review, "social-care")),
        // A demo internal target (the notice sets none): 20 working days beside the legal limit.
        InternalTargetDays = 20,
        InternalTargetInWorkingDays = true,
    };

    private static Organisation Hursthead() => new()
    {
        Code = "HHJ",
        Name = "Hursthead Junior School",
        ServiceName = "SEN and safeguarding (a maintained junior school in Stockport)",
        Kind = OrganisationKind.MaintainedSchool,
        Summary = "A junior school's SEN and safeguarding records, including looked-after children.",
        // "Parents and pupils have the right to request access ... or to be given access to your child's educational record",
        // object to processing, object to automated decisions, rectify / block / erase / destroy; raise concerns with us first.
        RightsPromised = [Right.Access, Right.EducationalRecord, Right.Rectification, Right.Erasure, Right.Restriction, Right.Objection, Right.AutomatedDecision, Right.Complaint],
        Purposes =
        [
            "Support these children and monitor their progress", "Provide them with pastoral care", "Assess the quality of our services",
            "Evaluate and improve our policies on children's social care", "Monitor welfare and progress of looked-after pupils", "Safeguard our students",
        ],
        LawfulBases = ["Legal obligation (Keeping Children Safe in Education; Working Together to Safeguard Children)"],
        SharingPartners =
        [
            "Department for Education (DfE)", "Stockport Metropolitan Borough Council", "Other local authorities where necessary", "Other schools or education settings",
            "Health specialists including the school nurse and Looked After Children nurse", "Welfare Call (attendance data only, Manchester LAC)",
            "Behaviour Support Service, CAMHS, Educational Psychologist, Learning Support Service", "Nick Dux Consultancy (behaviour support)",
            "CPOMS (safeguarding recording platform)", "Capita (student information management system)",
        ],
        DataCategories = Categories(
            ("personal", "Personal information", "Date of birth, address and contact information"),
            ("photographs", "Photographs", "Photographs of the child"),
            ("concerns-attendance", "Notes of concern and attendance", "Notes of concern and attendance data"),
            ("child-in-need", "Child in need and child protection", "Referral and assessment information, Section 47, initial child protection and child protection plan information"),
            ("lac-outcomes", "Looked-after children outcomes", "Such as health and dental assessments, strengths and difficulties questionnaire scores and offending"),
            ("adoption", "Adoption", "Dates of key court orders and decisions"),
            ("care-leavers", "Care leavers", "Activity and type of accommodation"),
            ("ehc", "Education, Health and Care plans", "EHC plans and SEN support records")),
        Services = Services("Safeguarding leads", "SENDCo", "Headteacher", "School Business Manager (school office and information system)"),
        InformationGovernanceContact = "Mrs Farnsworth, School Business Manager",
        DataProtectionOfficer = "Karen Lane, IGSchoolSupport@stockport.gov.uk, 0161 474 4299",
        ComplaintRoute = IcoRoute,
        NoticeUrl = "https://www.hursthead-jun.stockport.sch.uk/data-protection-gdpr",
        SchoolTerms = DemoSchoolTerms(),
        RetentionRules = Schedule(
            Rule("School SEN file, EHC plan and reviews", RetentionTrigger.DateOfBirth, 31, RetentionAction.Review, "ehc"),
            Rule("School child-protection file", RetentionTrigger.DateOfBirth, 25, RetentionAction.Review, "child-in-need", "concerns-attendance"),
            Rule("Looked-after child case record", RetentionTrigger.DateOfBirth, 75, RetentionAction.Review, "lac-outcomes", "care-leavers", "adoption")),
        InsetDays = DemoInsetDays(),
    };

    private static Organisation Barnet() => new()
    {
        Code = "BAR",
        Name = "London Borough of Barnet",
        ServiceName = "SEND and Inclusion Services",
        Kind = OrganisationKind.LocalAuthority,
        Summary = "The council's SEN Team (EHC needs assessments, EHC plans, annual reviews) and Specialist Inclusion Services (educational psychologists and specialist teachers).",
        // The notice does not list rights; the statutory rights apply to this public-task and legal-obligation processing.
        RightsPromised = [Right.Access, Right.Rectification, Right.Erasure, Right.Restriction, Right.Objection, Right.Complaint],
        Purposes =
        [
            "Carry out specific functions such as EHC needs assessments and monitoring of provision",
            "Derive statistics which inform decisions, such as the funding of schools",
            "Deliver statutory returns to the DfE (SEN2 and AP census)",
            "Short-term accountability and intervention, such as target monitoring",
            "Longer-term evaluation and strategic planning of services and SEND policy",
        ],
        LawfulBases = ["Legal obligation (Children and Families Act 2014, Education Act 1996, SEND Code of Practice 2015)", "Public task", "Consent (at the start of an EHC needs assessment)"],
        SharingPartners =
        [
            "Department for Education (DfE)", "Barnet Family Services (children's and adults' social care)", "Barnet Clinical Commissioning Group",
            "The NHS, where a trust provides health services", "West London Alliance", "Barnet's Virtual Child Development Service",
        ],
        DataCategories = Categories(
            ("identifiers", "Personal identifiers and contacts", "Such as name, unique pupil number, contact details and address"),
            ("characteristics", "Characteristics", "Such as ethnicity, language and free school meal eligibility"),
            ("safeguarding", "Safeguarding information", "Such as court orders and professional involvement"),
            ("sen", "Special educational needs", "Including needs and ranking"),
            ("health-social-care", "Health and social care assessments", "Including targets and provision required"),
            ("attendance", "Attendance", "Such as previous schools attended"),
            ("attainment", "Assessment and attainment", "Such as key stage 1 and phonics results, post-16 courses and results"),
            ("behaviour", "Behavioural information", "Such as exclusions and alternative provision placements"),
            ("correspondence", "Correspondence and case notes", "Previous correspondence and notes about the child's case"),
            ("feedback", "Feedback on our services", "Feedback given about SEND services")),
        Services = Services("SEN Team (casework)", "Educational Psychology Service", "Specialist Inclusion Services (specialist teachers)"),
        InformationGovernanceContact = "SEND and Inclusion Services, London Borough of Barnet",
        DataProtectionOfficer = "London Borough of Barnet's Data Protection Officer (the notice does not name them)",
        ComplaintRoute = IcoRoute,
        NoticeUrl = "https://www.barnet.gov.uk",
        RetentionRules = Schedule(
            Rule("SEN file, EHC plan and reviews", RetentionTrigger.DateOfBirth, 31, RetentionAction.Review, "sen", "health-social-care", "correspondence", "attainment", "attendance", "behaviour"),
            Rule("Child-protection case records (council)", RetentionTrigger.Closure, 35, RetentionAction.Review, "safeguarding")),
        // A demo internal target (the notice sets none): 28 calendar days beside the legal limit.
        InternalTargetDays = 28,
        InternalTargetInWorkingDays = false,
    };

    /// <summary>
    /// A demonstration school calendar for 2025-26 and 2026-27 in the usual English pattern (terms split at
    /// half-term). Not the school's published dates: a school enters its own.
    /// </summary>
    internal static List<SchoolTerm> DemoSchoolTerms() =>
    [
        Term("Autumn 2025 (first half)", 2025, 9, 3, 2025, 10, 24),
        Term("Autumn 2025 (second half)", 2025, 11, 3, 2025, 12, 19),
        Term("Spring 2026 (first half)", 2026, 1, 5, 2026, 2, 13),
        Term("Spring 2026 (second half)", 2026, 2, 23, 2026, 3, 27),
        Term("Summer 2026 (first half)", 2026, 4, 13, 2026, 5, 22),
        Term("Summer 2026 (second half)", 2026, 6, 1, 2026, 7, 21),
        Term("Autumn 2026 (first half)", 2026, 9, 3, 2026, 10, 23),
        Term("Autumn 2026 (second half)", 2026, 11, 2, 2026, 12, 18),
        Term("Spring 2027 (first half)", 2027, 1, 4, 2027, 2, 12),
        Term("Spring 2027 (second half)", 2027, 2, 22, 2027, 3, 26),
        Term("Summer 2027 (first half)", 2027, 4, 12, 2027, 5, 28),
        Term("Summer 2027 (second half)", 2027, 6, 7, 2027, 7, 21),
    ];

    internal static List<InsetDay> DemoInsetDays() =>
        new[] { (2025, 9, 3), (2025, 11, 3), (2026, 1, 5), (2026, 9, 3), (2026, 11, 2), (2027, 1, 4) }
            .Select(d => new InsetDay { Date = new DateOnly(d.Item1, d.Item2, d.Item3) }).ToList();

    private static SchoolTerm Term(string name, int y1, int m1, int d1, int y2, int m2, int d2) =>
        new() { Name = name, StartsOn = new DateOnly(y1, m1, d1), EndsOn = new DateOnly(y2, m2, d2) };

    private static List<DataCategory> Categories(params (string Code, string Name, string Description)[] items) =>
        items.Select((c, i) => new DataCategory { Code = c.Code, Name = c.Name, Description = c.Description, Order = i }).ToList();

    /// <summary>The defaults of section 4 of the domain rules, with the portal's own records, mapped to the notice's categories.</summary>
    private static List<RetentionRule> Schedule(params RetentionRule[] recordRules) =>
    [
        .. recordRules,
        Rule("Rights-request case file", RetentionTrigger.Closure, 6, RetentionAction.Review),
        Rule("Data-protection complaint file", RetentionTrigger.Closure, 6, RetentionAction.Review),
        new() { RecordType = "Identity documents uploaded for verification", Trigger = RetentionTrigger.VerificationDecided, Months = 1, Action = RetentionAction.Destroy },
    ];

    private static RetentionRule Rule(string recordType, RetentionTrigger trigger, int years, RetentionAction action, params string[] categories) =>
        new() { RecordType = recordType, Trigger = trigger, Years = years, Action = action, CategoryCodes = [.. categories] };

    private static List<OrganisationService> Services(params string[] names) =>
        names.Select(n => new OrganisationService { Name = n }).ToList();
}
