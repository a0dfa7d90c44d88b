using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Files;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Families;

/// <summary>The files on one of a signed-in family's own requests, whether they can still add one, and whether the response letter is ready.</summary>
[RequiresFamily]
public sealed record GetMyFilesQuery(string Reference) : IQuery<MyFiles>;

public sealed record MyFiles(IReadOnlyList<MyFile> Files, bool CanUpload, bool ResponseLetterReady);

public sealed record MyFile(Guid Id, string FileName, string What, long Size, DateTimeOffset UploadedAt, bool FromYou);

/// <summary>One file from a family's own request, decrypted; another family's is not found.</summary>
[RequiresFamily]
public sealed record GetMyFileQuery(string Reference, Guid FileId) : IQuery<FileDownload>;

/// <summary>A file's bytes with the name and content type it is sent with.</summary>
public sealed record FileDownload(string FileName, string ContentType, byte[] Content);

/// <summary>The response letter for a family's own request, once the request is closed (not found before then).</summary>
[RequiresFamily]
public sealed record GetMyResponseLetterQuery(string Reference) : IQuery<ResponseLetter>;

internal sealed class GetMyFilesHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetMyFilesQuery, MyFiles>
{
    public async Task<MyFiles> Handle(GetMyFilesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var request = await FamilyRequests.FindOwnAsync(db.Requests.AsNoTracking(), actor, query.Reference, cancellationToken);
        var files = (await db.Files.AsNoTracking().Where(f => f.RequestId == request.Id).ToListAsync(cancellationToken))
            .OrderBy(f => f.UploadedAt)
            .Select(f => new MyFile(f.Id, f.FileName, RightsRequest.UploadName(f.Kind), f.Size, f.UploadedAt, f.UploadedBy == "family"))
            .ToList();
        return new MyFiles(files, !request.Status.IsFinished(), request.Status == RequestStatus.Closed);
    }
}

internal sealed class GetMyFileHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, IFileStore store) : IRequestHandler<GetMyFileQuery, FileDownload>
{
    public async Task<FileDownload> Handle(GetMyFileQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var request = await FamilyRequests.FindOwnAsync(db.Requests.AsNoTracking(), actor, query.Reference, cancellationToken);
        var file = await db.Files.AsNoTracking().SingleOrDefaultAsync(f => f.Id == query.FileId && f.RequestId == request.Id, cancellationToken)
            ?? throw new NotFoundException("file");
        return new FileDownload(file.FileName, file.ContentType, await store.ReadAsync(file.StoredName, cancellationToken));
    }
}

internal sealed class GetMyResponseLetterHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<GetMyResponseLetterQuery, ResponseLetter>
{
    public async Task<ResponseLetter> Handle(GetMyResponseLetterQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var request = await FamilyRequests.FindOwnAsync(db.Requests.AsNoTracking(), actor, query.Reference, cancellationToken);
        if (request.Status != RequestStatus.Closed)
        {
            throw new NotFoundException("response letter");
        }

        var organisation = await db.Organisations.AsNoTracking().Include(x => x.DataCategories).Include(x => x.RetentionRules).AsSplitQuery()
            .SingleAsync(x => x.Id == request.OrganisationId, cancellationToken);
        return LetterTemplates.Response(request, organisation, request.ClosedOn ?? clock.UkToday());
    }
}
