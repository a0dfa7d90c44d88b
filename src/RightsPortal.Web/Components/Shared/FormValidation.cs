using FluentValidation;
using FluentValidation.Results;

namespace RightsPortal.Web.Components.Shared;

/// <summary>Checks a public form's command with the same validators the pipeline uses, without sending it.</summary>
public static class FormValidation
{
    public static async Task<IReadOnlyList<ValidationFailure>> ValidateOnlyAsync<T>(IEnumerable<IValidator<T>> validators, T command)
    {
        var failures = new List<ValidationFailure>();
        foreach (var validator in validators)
        {
            failures.AddRange((await validator.ValidateAsync(command)).Errors);
        }

        return failures;
    }
}
