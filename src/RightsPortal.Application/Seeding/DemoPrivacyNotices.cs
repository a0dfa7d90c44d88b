using RightsPortal.Domain.Organisations;

namespace RightsPortal.Application.Seeding;

/// <summary>
/// Each demo organisation's privacy notice as the published notice itself records it (shared seeds). The school's
/// notice has a version table, copied row for row; the councils' notices give no version, author, approval or review
/// date, so those stay empty rather than invented: the register then asks the DPO to record them.
/// </summary>
public static class DemoPrivacyNotices
{
    public static IReadOnlyList<PrivacyNoticeVersion> For(string organisationCode) => organisationCode switch
    {
        "STK" =>
        [
            // No version or dates in the notice; it names the council's website for more information.
            Unversioned("Privacy Notice: Special Educational Needs Monitoring and Assessment Service (SENMAS)", "https://www.stoke.gov.uk"),
        ],
        "HHJ" =>
        [
            // The notice's own table: Version, Author, Policy approved by, Approval date, Review date, Changes made?
            Version("V1", "Information Governance Team", "Information Governance Team", new(2018, 6, 15), new(2019, 9, 1), "No Changes"),
            Version("V2", "IG Team", "IG Team", new(2019, 9, 1), new(2020, 9, 1), "No Changes"),
            Version("V3", "IG Team", "IG Team", new(2020, 9, 23), new(2021, 9, 1), "Annual Review"),
            Version("V4", "IG Team", "IG Team", new(2021, 11, 10), new(2022, 9, 1), "Minor formatting changes"),
            Version("V5", "IG Team", "IG Team", new(2022, 10, 28), new(2024, 9, 1), "Legislation updated. Minor formatting Retention/storage"),
        ],
        "BAR" =>
        [
            // Neither a version, dates nor a web address in the notice.
            Unversioned("Barnet's SEND and Inclusion Services Privacy Notice", ""),
        ],
        _ => [],
    };

    private const string SchoolNotice = "SEN and Safeguarding Privacy Notice";

    /// <summary>The school's data-protection page, which the notice names for its Data Subject Rights Policy.</summary>
    private const string SchoolUrl = "https://www.hursthead-jun.stockport.sch.uk/data-protection-gdpr";

    private static PrivacyNoticeVersion Version(string version, string author, string approvedBy, DateOnly approvedOn, DateOnly reviewOn, string changes) => new()
    {
        Title = SchoolNotice,
        Version = version,
        Author = author,
        ApprovedBy = approvedBy,
        ApprovedOn = approvedOn,
        ReviewOn = reviewOn,
        Changes = changes,
        Url = SchoolUrl,
    };

    private static PrivacyNoticeVersion Unversioned(string title, string url) => new() { Title = title, Url = url };
}
