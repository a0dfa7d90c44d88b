using System.Linq.Expressions;
using System.Security.Cryptography;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Public;
using RightsPortal.Application.Files;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Organisations;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Intake;

/// <summary>What is known about a request as it arrives, by any channel.</summary>
public sealed record IntakeDetails(
    Guid SubmissionId,
    Right Right,
    Channel Channel,
    DateOnly ReceivedOn,
    RequestParties Parties,
    IReadOnlyList<string> DataCategories,
    string? Details,
    string? RecordedBy,
    Guid? FamilyGroupId = null)
{
    /// <summary>The right's own questions and the family's answers, in the order asked (the online form).</summary>
    public IReadOnlyList<(string Question, string Answer)>? Answers { get; init; }

    /// <summary>A parent or carer ticked the parental-responsibility declaration on the online form.</summary>
    public bool ParentalResponsibilityDeclared { get; init; }

    /// <summary>A file the family sent with the request (a representative's signed authority), already checked.</summary>
    public IntakeUpload? Upload { get; init; }
}

/// <summary>A checked file (PDF, JPEG or PNG within the size limit) that arrives with a new request.</summary>
public sealed record IntakeUpload(UploadKind Kind, string? FileName, byte[] Content)
{
    public override string ToString() => $"IntakeUpload {{ Kind = {Kind}, Size = {Content.Length} }}";
}

/// <summary>
/// The one way a request enters the portal, whether a family sent the form or a caseworker logged a letter: the
/// organisation's categories are checked, references are issued in order under the write lock, the clock is counted
/// on the organisation's settings, and a repeated submission finds the first request again.
/// </summary>
public sealed class RequestIntake(IDbContextFactory<PortalDb> dbs, PortalClock portalClock, TimeProvider clock, IOptions<MailLinkOptions> mailLinks, IFileStore files)
{
    public async Task<SubmissionReceipt> ReceiveAsync(Expression<Func<Organisation, bool>> organisationIs, IntakeDetails details, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);

        // A repeated post (double click, refresh, retry after a dropped connection) finds the first one again.
        if (await FindExistingAsync(db, details.SubmissionId, ct) is { } existing)
        {
            return existing;
        }

        var organisation = await db.Organisations.AsNoTracking().Include(o => o.DataCategories)
            .SingleOrDefaultAsync(organisationIs, ct) ?? throw new NotFoundException("organisation");

        var known = organisation.DataCategories.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        if (details.DataCategories.Any(c => !known.Contains(c)))
        {
            throw new ValidationException([new ValidationFailure(nameof(details.DataCategories), "Select kinds of record from the list")]);
        }

        var now = clock.GetUtcNow();
        var today = clock.UkToday();
        var (settings, calculator) = await portalClock.ForOrganisationAsync(db, organisation.Id, ct);

        // A file that came with the request is encrypted and written first (outside the write lock); if the request is
        // then not saved, for whatever reason, the file is deleted: no row, no file.
        var storedName = details.Upload is { } arriving ? await files.SaveAsync(arriving.Content, ct) : null;
        try
        {
            // The reference carries the year the request was received (a letter logged in January for December is last year's).
            var year = details.ReceivedOn.Year;
            await using var tx = await db.Database.BeginTransactionAsync(ct); // write lock: references are issued in order
            var request = RightsRequest.Receive(
                organisation.Id,
                await NextReferenceAsync(db, organisation, year, ct),
                details.SubmissionId,
                details.Right,
                details.Channel,
                details.Parties,
                details.DataCategories,
                details.Details,
                details.ReceivedOn,
                now,
                today,
                calculator,
                settings,
                details.RecordedBy,
                details.FamilyGroupId);
            if (details.Answers is { } answers)
            {
                request.RecordAnswers(answers);
            }

            var context = new CaseContext(details.RecordedBy ?? "family", now, today, calculator, settings);
            if (details.ParentalResponsibilityDeclared)
            {
                request.RecordAuthority(AuthorityKind.ParentalResponsibilityDeclared, "Declared on the online form", null, context);
            }

            db.Requests.Add(request);

            if (details.Upload is { } upload && storedName is not null)
            {
                var fileName = UploadRules.CleanFileName(upload.FileName);
                request.RecordUpload(upload.Kind, fileName, fromFamily: details.RecordedBy is null, context); // on the timeline
                db.Files.Add(new StoredFile
                {
                    Id = Guid.NewGuid(),
                    RequestId = request.Id,
                    Kind = upload.Kind,
                    FileName = fileName,
                    ContentType = UploadRules.SniffContentType(upload.Content) ?? throw new InvalidOperationException("An unchecked file reached intake."),
                    Size = upload.Content.Length,
                    StoredName = storedName,
                    Sha256 = Convert.ToHexString(SHA256.HashData(upload.Content)).ToLowerInvariant(),
                    UploadedAt = now,
                    UploadedBy = details.RecordedBy ?? "family",
                });
            }

            // The acknowledgement goes in the same save: it exists exactly when the request does.
            if (!string.IsNullOrWhiteSpace(request.RequesterEmail))
            {
                var ack = MailTemplates.Acknowledgement(organisation.Name, request.Reference, request.ReceivedOn, request.DueOn, mailLinks.Value.PublicBaseUrl,
                    await MailTemplateSet.LoadAsync(db, organisation.Id, ct)); // the organisation's own wording, if it has some
                db.Outbox.Add(OutboxMessage.Create(MailKinds.Acknowledgement, request.RequesterEmail, ack.Subject, ack.Body, now, organisation.Id, request.Id));
            }

            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
            {
                // Another post of the same form won the race: answer with the request it created (and its file, not ours).
                await tx.RollbackAsync(ct);
                if (storedName is not null) files.Delete(storedName);
                await using var fresh = await dbs.CreateDbContextAsync(ct);
                return await FindExistingAsync(fresh, details.SubmissionId, ct) ?? throw new InvalidOperationException("Submission conflict without a stored request.", ex);
            }

            return new SubmissionReceipt(request.Id, organisation.Id, request.Reference, request.ReceivedOn, request.DueOn);
        }
        catch
        {
            if (storedName is not null) files.Delete(storedName);
            throw;
        }
    }

    /// <summary>The organisation's next reference for the year; call inside the write transaction so references are issued in order.</summary>
    internal static async Task<string> NextReferenceAsync(PortalDb db, Organisation organisation, int year, CancellationToken ct)
    {
        var counter = await db.ReferenceCounters.SingleOrDefaultAsync(c => c.OrganisationId == organisation.Id && c.Year == year, ct);
        if (counter is null)
        {
            counter = new ReferenceCounter { OrganisationId = organisation.Id, Year = year };
            db.ReferenceCounters.Add(counter);
        }

        counter.LastSequence++;
        return RequestReference.Format(organisation.Code, year, counter.LastSequence);
    }

    private static Task<SubmissionReceipt?> FindExistingAsync(PortalDb db, Guid submissionId, CancellationToken ct) =>
        db.Requests.AsNoTracking()
            .Where(r => r.SubmissionId == submissionId)
            .Select(r => new SubmissionReceipt(r.Id, r.OrganisationId, r.Reference, r.ReceivedOn, r.DueOn))
            .SingleOrDefaultAsync(ct)!;

    internal static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
