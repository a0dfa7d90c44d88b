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

        var known = await db.Requests.AnyAsync(FamilyEmail.MadeBy(email), cancellationToken);
        if (known)
        {
            var mail = MailTemplates.SignInCode(code, now);
            db.Outbox.Add(OutboxMessage.Create(SignInCodeRules.MailKind, email, mail.Subject, mail.Body, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return new SignInCodeRequested();
    }
}
