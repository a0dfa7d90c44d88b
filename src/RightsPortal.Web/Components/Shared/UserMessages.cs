using FluentValidation;
using RightsPortal.Application.Security;
using RightsPortal.Domain;

namespace RightsPortal.Web.Components.Shared;

/// <summary>
/// The failures a person can cause on a staff page, as the sentence to show them: invalid input (every message),
/// a rule of the law, or a colleague's change that got there first. Anything else is a bug and is not caught here.
/// </summary>
public static class UserMessages
{
    public static bool TryDescribe(Exception exception, out string message)
    {
        message = exception switch
        {
            ValidationException invalid => string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage).Distinct()),
            DomainRuleException rule => rule.Message,
            ConcurrencyConflictException clash => clash.Message,
            _ => "",
        };
        return message.Length > 0;
    }
}
