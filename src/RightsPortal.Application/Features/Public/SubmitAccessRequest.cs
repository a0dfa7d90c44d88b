using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using RightsPortal.Application.Features.Intake;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Public;

/// <summary>A family asks to see the records an organisation holds about a child (subject access), on the public form.</summary>
[PublicRequest]
public sealed record SubmitAccessRequestCommand(
    string OrganisationCode,
    Guid SubmissionId,
    RequesterRole? RequesterRole,
    string? RequesterName,
    string? RequesterEmail,
    string? SubjectName,
    DateOnly? SubjectDateOfBirth,
    string? SubjectSetting,
    IReadOnlyList<string> DataCategories,
    string? Details) : ICommand<SubmissionReceipt>, IRequestInput;

public sealed record SubmissionReceipt(Guid RequestId, Guid OrganisationId, string Reference, DateOnly ReceivedOn, DateOnly DueOn) : IAuditable
{
    public Guid? AuditOrganisationId => OrganisationId;
    public Guid? AuditRequestId => RequestId;
}

/// <summary>Field limits shown on the form and enforced here.</summary>
public static class RequestFieldLimits
{
    public const int Name = 200;
    public const int Email = 254;
    public const int Setting = 200;
    public const int Details = 4000;
    public const int Categories = 50;
}

public sealed class SubmitAccessRequestValidator : AbstractValidator<SubmitAccessRequestCommand>
{
    public SubmitAccessRequestValidator(TimeProvider clock)
    {
        RuleFor(c => c.SubmissionId).NotEmpty().WithMessage("The form has expired. Go back to the start and fill it in again.");
        Include(new RequestInputValidator(clock));
    }
}

/// <summary>The fields every new request has, however it arrives.</summary>
public interface IRequestInput
{
    RequesterRole? RequesterRole { get; }
    string? RequesterName { get; }
    string? RequesterEmail { get; }
    string? SubjectName { get; }
    DateOnly? SubjectDateOfBirth { get; }
    string? SubjectSetting { get; }
    IReadOnlyList<string> DataCategories { get; }
    string? Details { get; }
}

/// <summary>One set of rules for a new request's details: the family's form and a caseworker's intake use the same.</summary>
public sealed partial class RequestInputValidator : AbstractValidator<IRequestInput>
{
    public RequestInputValidator(TimeProvider clock)
    {
        RuleFor(c => c.RequesterRole)
            .NotNull().WithMessage("Select who is asking")
            .IsInEnum().WithMessage("Select who is asking");

        RuleFor(c => c.RequesterName).PlainText("your full name", RequestFieldLimits.Name, required: true);

        RuleFor(c => c.RequesterEmail)
            .NotEmpty().WithMessage("Enter your email address")
            .MaximumLength(RequestFieldLimits.Email).WithMessage($"Email address must be {RequestFieldLimits.Email} characters or fewer")
            .Must(e => e is null || EmailShape().IsMatch(e)).WithMessage("Enter an email address in the correct format, like name@example.com");

        RuleFor(c => c.SubjectName).PlainText("the child or young person's full name", RequestFieldLimits.Name, required: true);

        RuleFor(c => c.SubjectDateOfBirth)
            .NotNull().WithMessage("Enter the child or young person's date of birth")
            .Must(d => d is null || d <= clock.UkToday()).WithMessage("Date of birth must be today or in the past")
            .Must(d => d is null || d >= clock.UkToday().AddYears(-120)).WithMessage("Date of birth must be a real date in the last 120 years");

        RuleFor(c => c.SubjectSetting).PlainText("the school or setting", RequestFieldLimits.Setting, required: false);

        RuleFor(c => c.DataCategories)
            .NotNull().WithMessage("Select at least one kind of record")
            .Must(c => c is { Count: > 0 }).WithMessage("Select at least one kind of record")
            .Must(c => c is null || c.Count <= RequestFieldLimits.Categories).WithMessage("Select fewer kinds of record");

        RuleFor(c => c.Details).PlainText("the details", RequestFieldLimits.Details, required: false);
    }

    [GeneratedRegex(@"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}

internal static class PlainTextRules
{
    /// <summary>Free text that families type: trimmed length limit, and no markup (angle brackets are refused, not silently stripped).</summary>
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule, string what, int max, bool required)
    {
        var options = rule
            .Must(v => !required || !string.IsNullOrWhiteSpace(v)).WithMessage($"Enter {what}")
            .Must(v => v is null || v.Length <= max).WithMessage($"{Capitalise(what)} must be {max} characters or fewer")
            .Must(v => v is null || (v.IndexOfAny(['<', '>']) < 0 && !v.Any(ch => char.IsControl(ch) && ch is not ('\r' or '\n' or '\t'))))
            .WithMessage($"{Capitalise(what)} must not contain < or > or control characters");
        return options;
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

internal sealed class SubmitAccessRequestHandler(RequestIntake intake, TimeProvider clock)
    : IRequestHandler<SubmitAccessRequestCommand, SubmissionReceipt>
{
    public Task<SubmissionReceipt> Handle(SubmitAccessRequestCommand cmd, CancellationToken cancellationToken)
    {
        var code = cmd.OrganisationCode.ToUpperInvariant();
        return intake.ReceiveAsync(o => o.Code == code, new IntakeDetails(
            cmd.SubmissionId,
            Right.Access,
            Channel.WebForm,
            clock.UkToday(),
            new RequestParties(cmd.RequesterRole!.Value, cmd.RequesterName!.Trim(), cmd.RequesterEmail!.Trim(), cmd.SubjectName!.Trim(),
                cmd.SubjectDateOfBirth!.Value, RequestIntake.Optional(cmd.SubjectSetting)),
            cmd.DataCategories,
            RequestIntake.Optional(cmd.Details),
            RecordedBy: null), cancellationToken);
    }
}
