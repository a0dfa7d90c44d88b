using System.Security.Cryptography;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Families;

/// <summary>
/// A family enters the code they were sent. Only the newest unexpired, unused code for the address counts; a wrong
/// code uses up one of its tries; the right one works once. Every failure gets the same answer.
/// </summary>
[PublicRequest]
public sealed record VerifySignInCodeCommand(string? Email, string? Code) : ICommand<SignInCodeCheck>;

/// <summary>The outcome: on success the normalised address the family proved they own.</summary>
public sealed record SignInCodeCheck(bool Verified, string? VerifiedEmail)
{
    public const string Failure = "That code is not right or has expired. Ask for a new code.";

    public static SignInCodeCheck Failed { get; } = new(false, null);
}

public sealed class VerifySignInCodeValidator : AbstractValidator<VerifySignInCodeCommand>
{
    public VerifySignInCodeValidator()
    {
        RuleFor(c => c.Email)
            .NotEmpty().WithMessage("Enter your email address")
            .MaximumLength(FamilyEmail.MaxLength).WithMessage($"Email address must be {FamilyEmail.MaxLength} characters or fewer")
            .Must(FamilyEmail.IsWellFormed).WithMessage("Enter an email address in the correct format, like name@example.com");
        RuleFor(c => c.Code)
            .NotEmpty().WithMessage("Enter the 6-digit code from your email")
            .MaximumLength(20).WithMessage(SignInCodeCheck.Failure);
    }
}

internal sealed class VerifySignInCodeHandler(IDbContextFactory<PortalDb> dbs, TimeProvider clock)
    : IRequestHandler<VerifySignInCodeCommand, SignInCodeCheck>
{
    public async Task<SignInCodeCheck> Handle(VerifySignInCodeCommand cmd, CancellationToken cancellationToken)
    {
        var email = FamilyEmail.Normalise(cmd.Email!);
        var emailHash = FamilyEmail.Hash(email);
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);

        var code = await db.FamilySignInCodes
            .Where(c => c.EmailHash == emailHash && c.UsedAt == null && c.ExpiresAt > now)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (code is null || code.Attempts >= SignInCodeRules.MaxAttempts)
        {
            return SignInCodeCheck.Failed;
        }

        // Spaces are forgiven ("123 456" as some mail apps show it); everything else must match exactly.
        var typed = new string(cmd.Code!.Where(ch => !char.IsWhiteSpace(ch)).ToArray());
        var expected = Convert.FromHexString(code.CodeHash);
        var actual = Convert.FromHexString(SignInCodeRules.HashCode(code.Salt, typed));
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            // Counted in the database, so tries made at the same moment are all counted.
            await db.FamilySignInCodes.Where(c => c.Id == code.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1), cancellationToken);
            return SignInCodeCheck.Failed;
        }

        // Single use: only the first of two simultaneous uses finds it unused.
        var claimed = await db.FamilySignInCodes.Where(c => c.Id == code.Id && c.UsedAt == null && c.Attempts < SignInCodeRules.MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        return claimed == 1 ? new SignInCodeCheck(true, email) : SignInCodeCheck.Failed;
    }
}
