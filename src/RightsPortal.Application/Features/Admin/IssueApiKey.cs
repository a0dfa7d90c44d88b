using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Admin;

/// <summary>An administrator issues an API key for one organisation's integration (a CRM, a web-form platform).</summary>
[RequiresRole(Roles.Administrator)]
public sealed record IssueApiKeyCommand(string OrganisationCode, string Name) : ICommand<IssuedApiKey>;

/// <summary>The key, shown this once: only its hash is kept.</summary>
public sealed record IssuedApiKey(Guid Id, string Secret, string Prefix) : IAuditable
{
    public Guid? AuditOrganisationId => null;
    public Guid? AuditRequestId => null;
    public override string ToString() => $"IssuedApiKey {{ Id = {Id}, Prefix = {Prefix} }}"; // never print the secret
}

public sealed class IssueApiKeyValidator : AbstractValidator<IssueApiKeyCommand>
{
    public IssueApiKeyValidator()
    {
        RuleFor(c => c.OrganisationCode).NotEmpty().WithMessage("Choose the organisation the key is for.");
        RuleFor(c => c.Name).NotEmpty().WithMessage("Name the system that will use the key, so it can be recognised and revoked.").MaximumLength(200);
    }
}

internal sealed class IssueApiKeyHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock) : IRequestHandler<IssueApiKeyCommand, IssuedApiKey>
{
    public async Task<IssuedApiKey> Handle(IssueApiKeyCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var code = command.OrganisationCode.Trim().ToUpperInvariant();
        var organisationId = await db.Organisations.Where(o => o.Code == code).Select(o => (Guid?)o.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("organisation");
        var (key, secret) = ApiKey.Issue(organisationId, command.Name.Trim(), actor.UserId ?? "unknown", clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiKey(key.Id, secret, key.Prefix);
    }
}
