using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Organisations;

namespace RightsPortal.Application.Features.Oversight;

/// <summary>
/// The DPO records a new version of one of their organisation's privacy notices (or the first version of a new
/// notice), as the notice's version table would: version, author, approved by, approval date, review date, changes.
/// An administrator names the organisation; a DPO's own organisation is used and no other is accepted.
/// </summary>
[RequiresRole(Roles.Dpo, Roles.Administrator)]
public sealed record RecordPrivacyNoticeVersionCommand(
    Guid? OrganisationId,
    string Title,
    string Version,
    string? Author,
    string? ApprovedBy,
    DateOnly? ApprovedOn,
    DateOnly? ReviewOn,
    string? Changes,
    string? Url) : ICommand<Guid>, IAuditable
{
    Guid? IAuditable.AuditOrganisationId => OrganisationId;
    Guid? IAuditable.AuditRequestId => null;
}

public sealed class RecordPrivacyNoticeVersionValidator : AbstractValidator<RecordPrivacyNoticeVersionCommand>
{
    public const string DuplicateVersion = "This notice already has a version with that name. Give the new version a different one, for example the next number.";

    public RecordPrivacyNoticeVersionValidator(TimeProvider clock, ICurrentActor actor, IDbContextFactory<PortalDb> dbs)
    {
        RuleFor(c => c.OrganisationId).NotNull().When(_ => actor.IsInRole(Roles.Administrator))
            .WithMessage("Choose the organisation whose notice this is.");
        RuleFor(c => c.Title).NotEmpty().WithMessage("Name the notice, for example SEN and Safeguarding Privacy Notice.")
            .MaximumLength(200).WithMessage("Keep the notice's name to 200 characters.");
        RuleFor(c => c.Version).NotEmpty().WithMessage("Give the version, for example V6.")
            .MaximumLength(40).WithMessage("Keep the version to 40 characters.");
        RuleFor(c => c.Version)
            .MustAsync(async (command, version, ct) => !await PrivacyNoticeVersions.ExistsAsync(dbs, OrganisationOf(command, actor), command.Title, version, ct))
            .When(c => !string.IsNullOrWhiteSpace(c.Version) && !string.IsNullOrWhiteSpace(c.Title) && OrganisationOf(c, actor) is not null)
            .WithMessage(DuplicateVersion);
        RuleFor(c => c.Author).MaximumLength(200).WithMessage("Keep the author to 200 characters.");
        RuleFor(c => c.ApprovedBy).MaximumLength(200).WithMessage("Keep who approved it to 200 characters.");
        RuleFor(c => c.ApprovedOn).NotNull().WithMessage("Give the date this version was approved.")
            .Must(d => d <= clock.UkToday()).When(c => c.ApprovedOn is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("The approval date cannot be in the future. Record a version once it has been approved.");
        RuleFor(c => c.ReviewOn).NotNull().WithMessage("Give the date this version is due for review.")
            .Must((c, review) => review > c.ApprovedOn).When(c => c.ReviewOn is not null && c.ApprovedOn is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage("The review date must be after the approval date.");
        RuleFor(c => c.Changes).MaximumLength(4000).WithMessage("Keep the changes to 4,000 characters.");
        RuleFor(c => c.Url).MaximumLength(500).WithMessage("Keep the web address to 500 characters.")
            .Must(BeAWebAddress).When(c => !string.IsNullOrWhiteSpace(c.Url), ApplyConditionTo.CurrentValidator)
            .WithMessage("Give the full web address of the published notice, starting https://");
    }

    /// <summary>Whose notice: the administrator's choice, or the DPO's own organisation (never another).</summary>
    internal static Guid? OrganisationOf(RecordPrivacyNoticeVersionCommand command, ICurrentActor actor) =>
        actor.IsInRole(Roles.Administrator) ? command.OrganisationId : actor.OrganisationId;

    private static bool BeAWebAddress(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

internal static class PrivacyNoticeVersions
{
    /// <summary>The organisation's versions of the notice with this title (names compared ignoring case and spaces at the ends).</summary>
    public static async Task<List<PrivacyNoticeVersion>> OfNoticeAsync(PortalDb db, Guid organisationId, string title, CancellationToken ct)
    {
        var all = await db.PrivacyNotices.AsNoTracking().Where(n => n.OrganisationId == organisationId).ToListAsync(ct);
        return all.Where(n => Same(n.Title, title)).ToList();
    }

    public static async Task<bool> ExistsAsync(IDbContextFactory<PortalDb> dbs, Guid? organisationId, string title, string version, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return (await OfNoticeAsync(db, organisationId!.Value, title, ct)).Any(v => Same(v.Version, version));
    }

    public static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}

internal sealed class RecordPrivacyNoticeVersionHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<RecordPrivacyNoticeVersionCommand, Guid>
{
    public async Task<Guid> Handle(RecordPrivacyNoticeVersionCommand command, CancellationToken cancellationToken)
    {
        var organisationId = actor.IsInRole(Roles.Administrator) ? command.OrganisationId!.Value : actor.RequireOrganisation();
        if (command.OrganisationId is { } asked && asked != organisationId)
        {
            throw new NotFoundException("organisation"); // a DPO naming another organisation: never say whether it exists
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            throw new NotFoundException("organisation");
        }

        var existing = await PrivacyNoticeVersions.OfNoticeAsync(db, organisationId, command.Title, cancellationToken);
        if (existing.Any(v => PrivacyNoticeVersions.Same(v.Version, command.Version)))
        {
            // Checked again here: another DPO may have recorded it since the validator looked.
            throw new ValidationException([new ValidationFailure(nameof(command.Version), RecordPrivacyNoticeVersionValidator.DuplicateVersion)]);
        }

        var version = new PrivacyNoticeVersion
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            Title = existing.FirstOrDefault()?.Title ?? command.Title.Trim(), // the notice's name as first recorded
            Version = command.Version.Trim(),
            Author = command.Author?.Trim() ?? "",
            ApprovedBy = command.ApprovedBy?.Trim() ?? "",
            ApprovedOn = command.ApprovedOn,
            ReviewOn = command.ReviewOn,
            Changes = command.Changes?.Trim() ?? "",
            Url = command.Url?.Trim() ?? "",
            RecordedAt = clock.GetUtcNow(),
            RecordedBy = actor.UserId ?? "",
        };
        db.PrivacyNotices.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return version.Id;
    }
}
