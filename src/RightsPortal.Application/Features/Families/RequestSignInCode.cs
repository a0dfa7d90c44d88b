using System.Security.Cryptography;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Families;
using RightsPortal.Application.Mail;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Families;

/// <summary>
/// A family asks for a one-time code to see their requests. The answer is always the same, whether or not the address
/// has requests with us or has asked too often, so nobody can find out whose address is known.
/// </summary>
[PublicRequest]
public sealed record RequestSignInCodeCommand(string? Email) : ICommand<SignInCodeRequested>;

/// <summary>The one answer everyone gets.</summary>
public sealed record SignInCodeRequested;

public static class SignInCodeRules
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>Codes one address may be sent in <see cref="Lifetime"/>; more asks are answered the same but send nothing.</summary>
    public const int CodesPerWindow = 3;

    /// <summary>Wrong tries before a code stops working.</summary>
    public const int MaxAttempts = 5;

    public const string MailKind = MailKinds.SignInCode;

    internal static string HashCode(string salt, string code) => FamilyEmail.Sha256Hex(salt + code);

    /// <summary>
    /// Which wording the code is sent in. A code signs in to every request from the address, at every organisation, so
    /// when all of them are with one organisation it is that organisation's email (its own wording, or the default
    /// signed with its name); when they are with several it is the portal's email, in the portal's default wording.
    /// </summary>
    internal static async Task<MailContent> MailAsync(PortalDb db, IReadOnlyList<Guid> organisationIds, string code, DateTimeOffset now, CancellationToken ct)
    {
        if (organisationIds.Count != 1)
        {
            return MailTemplates.SignInCode(code, now);
        }

        var organisationId = organisationIds[0];
        var name = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync(ct);
        return MailTemplates.SignInCode(code, now, name, await MailTemplateSet.LoadAsync(db, organisationId, ct));
    }
}

public sealed class RequestSignInCodeValidator : AbstractValidator<RequestSignInCodeCommand>
{
    public RequestSignInCodeValidator()
    {
        RuleFor(c => c.Email)
            .NotEmpty().WithMessage("Enter your email address")
            .MaximumLength(FamilyEmail.MaxLength).WithMessage($"Email address must be {FamilyEmail.MaxLength} characters or fewer")
            .Must(FamilyEmail.IsWellFormed).WithMessage("Enter an email address in the correct format, like name@example.com");
    }
}

internal sealed class RequestSignInCodeHandler(IDbContextFactory<PortalDb> dbs, TimeProvider clock)
    : IRequestHandler<RequestSignInCodeCommand, SignInCodeRequested>
{
    public async Task<SignInCodeRequested> Handle(RequestSignInCodeCommand cmd, CancellationToken cancellationToken)
    {
        var email = FamilyEmail.Normalise(cmd.Email!);
        var emailHash = FamilyEmail.Hash(email);
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);

        var since = now - SignInCodeRules.Lifetime;
        var recent = await db.FamilySignInCodes.CountAsync(c => c.EmailHash == emailHash && c.CreatedAt > since, cancellationToken);
        if (recent >= SignInCodeRules.CodesPerWindow)
        {
            return new SignInCodeRequested();
        }

        // A code row is written for unknown addresses too (same work, same rate limit), but only a known address is
        // sent one: nobody can learn from the answer or its timing whether an address has requests with us.
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var salt = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        db.FamilySignInCodes.Add(new FamilySignInCode
        {
            Id = Guid.NewGuid(),
            EmailHash = emailHash,
            Salt = salt,
            CodeHash = SignInCodeRules.HashCode(salt, code),
            CreatedAt = now,
            ExpiresAt = now + SignInCodeRules.Lifetime,
        });

        // Two are enough to know whether every request from the address is with one organisation.
        var organisations = await db.Requests.Where(FamilyEmail.MadeBy(email)).Select(r => r.OrganisationId).Distinct().Take(2).ToListAsync(cancellationToken);
        if (organisations.Count > 0)
        {
            var mail = await SignInCodeRules.MailAsync(db, organisations, code, now, cancellationToken);
            db.Outbox.Add(OutboxMessage.Create(SignInCodeRules.MailKind, email, mail.Subject, mail.Body, now, organisations.Count == 1 ? organisations[0] : null));
        }

        await db.SaveChangesAsync(cancellationToken);
        return new SignInCodeRequested();
    }
}
