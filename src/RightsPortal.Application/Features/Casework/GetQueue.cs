using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Casework;

public enum QueueSort
{
    DueOn,
    ReceivedOn,
    Reference,
    Status,
}

/// <summary>The caseworker's queue: their own organisation's requests, one page at a time, filtered and sorted in the database.</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record GetQueueQuery(
    int Page = 0,
    int PageSize = 25,
    RequestStatus? Status = null,
    DateOnly? DueFrom = null,
    DateOnly? DueTo = null,
    QueueSort SortBy = QueueSort.DueOn,
    bool Descending = false) : IQuery<QueuePage>;

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int Total);

public sealed record QueueRow(Guid Id, string Reference, Right Right, RequestStatus Status, string SubjectName, Channel Channel, DateOnly ReceivedOn, DateOnly DueOn);

public sealed class GetQueueValidator : AbstractValidator<GetQueueQuery>
{
    public GetQueueValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(0);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 100);
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.SortBy).IsInEnum();
        RuleFor(q => q).Must(q => q.DueFrom is null || q.DueTo is null || q.DueFrom <= q.DueTo)
            .WithName("DueTo").WithMessage("The 'due to' date must be on or after the 'due from' date");
    }
}

internal sealed class GetQueueHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor) : IRequestHandler<GetQueueQuery, QueuePage>
{
    /// <summary>Shown for the child of a case destroyed under the retention schedule (its name is gone).</summary>
    public const string DestroyedName = "(destroyed under the retention schedule)";

    public async Task<QueuePage> Handle(GetQueueQuery query, CancellationToken cancellationToken)
    {
        var organisationId = actor.RequireOrganisation();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);

        var requests = db.Requests.AsNoTracking().Where(r => r.OrganisationId == organisationId);
        if (query.Status is { } status) requests = requests.Where(r => r.Status == status);
        if (query.DueFrom is { } from) requests = requests.Where(r => r.DueOn >= from);
        if (query.DueTo is { } to) requests = requests.Where(r => r.DueOn <= to);

        var total = await requests.CountAsync(cancellationToken);
        requests = (query.SortBy, query.Descending) switch
        {
            (QueueSort.ReceivedOn, false) => requests.OrderBy(r => r.ReceivedOn).ThenBy(r => r.Reference),
            (QueueSort.ReceivedOn, true) => requests.OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.Reference),
            (QueueSort.Reference, false) => requests.OrderBy(r => r.Reference),
            (QueueSort.Reference, true) => requests.OrderByDescending(r => r.Reference),
            (QueueSort.Status, false) => requests.OrderBy(r => r.Status).ThenBy(r => r.DueOn),
            (QueueSort.Status, true) => requests.OrderByDescending(r => r.Status).ThenBy(r => r.DueOn),
            (_, true) => requests.OrderByDescending(r => r.DueOn).ThenByDescending(r => r.Reference),
            _ => requests.OrderBy(r => r.DueOn).ThenBy(r => r.Reference),
        };

        var rows = await requests
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .Select(r => new QueueRow(r.Id, r.Reference, r.Right, r.Status, r.DestroyedAt == null ? r.SubjectName : DestroyedName, r.Channel, r.ReceivedOn, r.DueOn))
            .ToListAsync(cancellationToken);
        return new QueuePage(rows, total);
    }
}
