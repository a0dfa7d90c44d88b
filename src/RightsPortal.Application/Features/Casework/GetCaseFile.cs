using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Families;
using RightsPortal.Application.Files;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Casework;

/// <summary>A file on a case of the caseworker's own organisation, decrypted for download; any other is not found.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record GetCaseFileQuery(Guid RequestId, Guid FileId) : IQuery<FileDownload>;

/// <summary>A file listed on the case page.</summary>
public sealed record CaseFileView(Guid Id, string FileName, string What, string ContentType, long Size, DateTimeOffset UploadedAt, bool FromFamily);

internal sealed class GetCaseFileHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, IFileStore store) : IRequestHandler<GetCaseFileQuery, FileDownload>
{
    public async Task<FileDownload> Handle(GetCaseFileQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var file = await db.Files.AsNoTracking()
            .Where(f => f.Id == query.FileId && f.RequestId == query.RequestId)
            .Join(db.Requests.Where(r => r.OrganisationId == organisationId), f => f.RequestId, r => r.Id, (f, _) => f)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("file");
        return new FileDownload(file.FileName, file.ContentType, await store.ReadAsync(file.StoredName, cancellationToken));
    }
}

internal static class CaseFiles
{
    public static async Task<IReadOnlyList<CaseFileView>> ForRequestAsync(PortalDb db, Guid requestId, CancellationToken ct) =>
        [.. (await db.Files.AsNoTracking().Where(f => f.RequestId == requestId).ToListAsync(ct))
            .OrderBy(f => f.UploadedAt)
            .Select(f => new CaseFileView(f.Id, f.FileName, Domain.Requests.RightsRequest.UploadName(f.Kind), f.ContentType, f.Size, f.UploadedAt, f.UploadedBy == "family"))];
}
