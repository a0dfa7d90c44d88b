using System.Security.Cryptography;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Files;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Families;

/// <summary>
/// A signed-in family sends a file for one of their own requests: proof of identity, evidence of authority, or anything
/// else that supports it. Checked by its content (PDF, JPEG, PNG), kept encrypted, and recorded on the timeline; ID or
/// authority sent while the team waits for it restarts the clock.
/// </summary>
[RequiresFamily]
public sealed record UploadEvidenceCommand(string Reference, UploadKind Kind, string? FileName, byte[]? Content) : ICommand<UploadedFile>
{
    // The bytes are never part of a log or audit row (only the type name is), but keep them out of ToString too.
    public override string ToString() => $"UploadEvidenceCommand {{ Kind = {Kind}, Size = {Content?.Length ?? 0} }}";
}

public sealed record UploadedFile(Guid FileId, string FileName, string ContentType, long Size);

public sealed class UploadEvidenceValidator : AbstractValidator<UploadEvidenceCommand>
{
    public UploadEvidenceValidator()
    {
        RuleFor(c => c.Kind).Must(k => k is UploadKind.Identity or UploadKind.Authority or UploadKind.Evidence)
            .WithMessage("Select what the file is");
        RuleFor(c => c.Content).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(UploadRules.NoFile)
            .Must(c => c!.Length > 0).WithMessage(UploadRules.Empty)
            .Must(c => c!.Length <= UploadRules.MaxBytes).WithMessage(UploadRules.TooBig)
            .Must(c => UploadRules.SniffContentType(c) is not null).WithMessage(UploadRules.WrongType);
    }
}

internal sealed class UploadEvidenceHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, PortalClock portalClock, IFileStore store, TimeProvider clock)
    : IRequestHandler<UploadEvidenceCommand, UploadedFile>
{
    public async Task<UploadedFile> Handle(UploadEvidenceCommand cmd, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var request = await FamilyRequests.FindOwnAsync(db.Requests, actor, cmd.Reference, cancellationToken);

        var content = cmd.Content!;
        var fileName = UploadRules.CleanFileName(cmd.FileName);
        var (settings, calculator) = await portalClock.ForOrganisationAsync(db, request.OrganisationId, cancellationToken);
        var context = new CaseContext("family", clock.GetUtcNow(), clock.UkToday(), calculator, settings);
        request.RecordUpload(cmd.Kind, fileName, fromFamily: true, context); // the domain refuses a finished request before anything is stored

        var stored = new StoredFile
        {
            Id = Guid.NewGuid(),
            RequestId = request.Id,
            Kind = cmd.Kind,
            FileName = fileName,
            ContentType = UploadRules.SniffContentType(content)!,
            Size = content.Length,
            Sha256 = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(),
            UploadedAt = context.At,
            UploadedBy = "family",
        };
        stored.StoredName = await store.SaveAsync(content, cancellationToken);
        db.Files.Add(stored);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            store.Delete(stored.StoredName); // no row, no file
            throw new ConcurrencyConflictException(); // the team changed the case at the same moment: a calm "try again"
        }
        catch
        {
            store.Delete(stored.StoredName); // no row, no file
            throw;
        }

        return new UploadedFile(stored.Id, stored.FileName, stored.ContentType, stored.Size);
    }
}
