using FluentValidation.Results;

namespace RightsPortal.Web.Components.Shared;

/// <summary>The validation messages of a public form, per field, in the order the form asks its questions.</summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> items;

    private FormErrors(List<(string Field, string Message)> items) => this.items = items;

    public static FormErrors None { get; } = new([]);

    public static FormErrors From(IEnumerable<ValidationFailure> failures) =>
        new(failures.Select(f => (f.PropertyName, f.ErrorMessage)).ToList());

    public bool Any => items.Count > 0;

    public IEnumerable<(string Field, string Message)> All => items.DistinctBy(i => i.Field);

    /// <summary>The first message for a field (one at a time, as GOV.UK patterns advise).</summary>
    public string? For(string field) => items.FirstOrDefault(i => i.Field == field).Message;

    public FormErrors With(string field, string message, bool replace)
    {
        var list = replace ? items.Where(i => i.Field != field).ToList() : [.. items];
        list.Add((field, message));
        return new FormErrors(list);
    }

    public string GroupClass(string field) => For(field) is null ? "" : "rp-form-group--error";

    public string InputClass(string field) => For(field) is null ? "" : "rp-input--error";

    public string DescribedBy(string field, string? hintId) =>
        string.Join(' ', new[] { hintId, For(field) is null ? null : ErrorId(field) }.Where(s => s is not null));

    public static string ErrorId(string field) => $"{field}-error";
}
