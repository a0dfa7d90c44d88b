using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Casework;

/// <summary>The notices the law requires before the response.</summary>
public enum NoticeKind
{
    /// <summary>T5: more time, with reasons, sent within the first month.</summary>
    Extension,

    /// <summary>T9: a reasonable fee; nothing is done until it arrives, then the clock starts again.</summary>
    Fee,

    /// <summary>The request (or part of it) was passed to another organisation.</summary>
    Transfer,

    /// <summary>Proof of identity or authority is needed; the clock starts when it arrives (T2).</summary>
    IdentityRequest,
}

public static class NoticeKinds
{
    /// <summary>How a notice is named in its address: "extension", "fee", "transfer", "identity-request".</summary>
    public static string Slug(this NoticeKind kind) => kind switch
    {
        NoticeKind.IdentityRequest => "identity-request",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads a notice's name from an address; only the names, never a number.</summary>
    public static bool TryParse(string? text, out NoticeKind kind)
    {
        foreach (var candidate in Enum.GetValues<NoticeKind>())
        {
            if (string.Equals(text, candidate.Slug(), StringComparison.OrdinalIgnoreCase) || string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

/// <summary>
/// A notice letter to the family (extension, fee, transfer, proof of identity), in the same shape as the response letter
/// and rendered by the same page and Word document. Refused with a reason when the case gives it nothing to say.
/// </summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo)]
public sealed record GetNoticeLetterQuery(Guid RequestId, NoticeKind Kind) : IQuery<ResponseLetter>;

public sealed class GetNoticeLetterValidator : AbstractValidator<GetNoticeLetterQuery>
{
    public GetNoticeLetterValidator()
    {
        RuleFor(q => q.Kind).IsInEnum().WithMessage("Choose the notice: extension, fee, transfer or identity request.");
    }
}

internal sealed class GetNoticeLetterHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<GetNoticeLetterQuery, ResponseLetter>
{
    public async Task<ResponseLetter> Handle(GetNoticeLetterQuery query, CancellationToken cancellationToken)
    {
        var (request, organisation) = await LetterSources.LoadAsync(dbs, actor, query.RequestId, cancellationToken);
        return LetterTemplates.Notice(query.Kind, request, organisation, clock.UkToday());
    }
}
