using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Clock;
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
    string? Details) : ICommand<SubmissionReceipt>;

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

public sealed partial class SubmitAccessRequestValidator : AbstractValidator<SubmitAccessRequestCommand>
{
    public SubmitAccessRequestValidator(TimeProvider clock)
    {
        RuleFor(c => c.SubmissionId).NotEmpty().WithMessage("The form has expired. Go back to the start and fill it in again.");

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

internal sealed class SubmitAccessRequestHandler(IDbContextFactory<PortalDb> dbs, PortalClock portalClock, TimeProvider clock)
    : IRequestHandler<SubmitAccessRequestCommand, SubmissionReceipt>
{
    public async Task<SubmissionReceipt> Handle(SubmitAccessRequestCommand cmd, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);

        // A repeated post (double click, refresh, retry after a dropped connection) finds the first one again.
        if (await FindExistingAsync(db, cmd.SubmissionId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var code = cmd.OrganisationCode.ToUpperInvariant();
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.DataCategories)
            .SingleOrDefaultAsync(o => o.Code == code, cancellationToken) ?? throw new NotFoundException("organisation");

        var known = organisation.DataCategories.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        if (cmd.DataCategories.Any(c => !known.Contains(c)))
        {
            throw new ValidationException([new ValidationFailure(nameof(cmd.DataCategories), "Select kinds of record from the list")]);
        }

        var now = clock.GetUtcNow();
        var today = clock.UkToday();
        var (settings, calculator) = await portalClock.ForOrganisationAsync(db, organisation.Id, cancellationToken);

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken); // write lock: references are issued in order
        var counter = await db.ReferenceCounters.SingleOrDefaultAsync(
            c => c.OrganisationId == organisation.Id && c.Year == today.Year, cancellationToken);
        if (counter is null)
        {
            counter = new ReferenceCounter { OrganisationId = organisation.Id, Year = today.Year };
            db.ReferenceCounters.Add(counter);
        }

        counter.LastSequence++;
        var request = RightsRequest.Receive(
            organisation.Id,
            RequestReference.Format(organisation.Code, today.Year, counter.LastSequence),
            cmd.SubmissionId,
            Right.Access,
            Channel.WebForm,
            new RequestParties(cmd.RequesterRole!.Value, cmd.RequesterName!.Trim(), cmd.RequesterEmail!.Trim(), cmd.SubjectName!.Trim(),
                cmd.SubjectDateOfBirth!.Value, string.IsNullOrWhiteSpace(cmd.SubjectSetting) ? null : cmd.SubjectSetting.Trim()),
            cmd.DataCategories,
            string.IsNullOrWhiteSpace(cmd.Details) ? null : cmd.Details.Trim(),
            today,
            now,
            today,
            calculator,
            settings);
        db.Requests.Add(request);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // Another post of the same form won the race: answer with the request it created.
            await tx.RollbackAsync(cancellationToken);
            await using var fresh = await dbs.CreateDbContextAsync(cancellationToken);
            return await FindExistingAsync(fresh, cmd.SubmissionId, cancellationToken) ?? throw new InvalidOperationException("Submission conflict without a stored request.", ex);
        }

        return new SubmissionReceipt(request.Id, organisation.Id, request.Reference, request.ReceivedOn, request.DueOn);
    }

    private static Task<SubmissionReceipt?> FindExistingAsync(PortalDb db, Guid submissionId, CancellationToken ct) =>
        db.Requests.AsNoTracking()
            .Where(r => r.SubmissionId == submissionId)
            .Select(r => new SubmissionReceipt(r.Id, r.OrganisationId, r.Reference, r.ReceivedOn, r.DueOn))
            .SingleOrDefaultAsync(ct)!;
}
