using RightsPortal.Domain.Requests;

namespace RightsPortal.Web.Components.Shared;

/// <summary>The answers every public request form asks (who is asking, names, email, date of birth, setting), as posted.</summary>
public abstract class RequestFieldsForm
{
    public Guid SubmissionId { get; set; }
    public RequesterRole? RequesterRole { get; set; }
    public string? RequesterName { get; set; }
    public string? RequesterEmail { get; set; }
    public string? SubjectName { get; set; }
    public string? DobDay { get; set; }
    public string? DobMonth { get; set; }
    public string? DobYear { get; set; }
    public string? SubjectSetting { get; set; }

    /// <summary>Reads the three date boxes; a half-filled or impossible date is a problem to tell the family about.</summary>
    public DateOnly? TryDateOfBirth(out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(DobDay) && string.IsNullOrWhiteSpace(DobMonth) && string.IsNullOrWhiteSpace(DobYear))
        {
            return null;
        }

        if (int.TryParse(DobDay?.Trim(), out var d) && int.TryParse(DobMonth?.Trim(), out var m) && int.TryParse(DobYear?.Trim(), out var y)
            && y is >= 1000 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            return new DateOnly(y, m, d);
        }

        problem = "Date of birth must be a real date, like 27 3 2014";
        return null;
    }

    /// <summary>Where each shared field's error summary link takes the family, in the order the form asks.</summary>
    public static Dictionary<string, string> FieldIds(string? firstCategoryCode) => new()
    {
        ["RequesterRole"] = $"role-{Domain.Requests.RequesterRole.ParentCarer}",
        ["RequesterName"] = "requester-name",
        ["RequesterEmail"] = "requester-email",
        ["SubjectName"] = "subject-name",
        ["SubjectDateOfBirth"] = "dob-day",
        ["SubjectSetting"] = "subject-setting",
        ["DataCategories"] = $"category-{firstCategoryCode}",
    };
}
