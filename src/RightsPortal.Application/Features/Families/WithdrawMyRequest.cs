using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Families;

/// <summary>A signed-in family withdraws one of their own requests online, optionally saying why.</summary>
[RequiresFamily]
public sealed record WithdrawMyRequestCommand(string Reference, string? Reason) : ICommand<MyRequestChanged>;

public sealed class WithdrawMyRequestValidator : AbstractValidator<WithdrawMyRequestCommand>
{
    public const int ReasonLimit = 1000;

    public WithdrawMyRequestValidator()
    {
        RuleFor(c => c.Reason)
            .Must(r => r is null || r.Trim().Length <= ReasonLimit)
            .WithMessage($"Your reason must be {ReasonLimit} characters or fewer");
    }
}

internal sealed class WithdrawMyRequestHandler(IDbContextFactory<PortalDb> dbs, PortalClock portalClock, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<WithdrawMyRequestCommand, MyRequestChanged>
{
    public const string Recorded = "Withdrawn by the family online";

    public Task<MyRequestChanged> Handle(WithdrawMyRequestCommand cmd, CancellationToken cancellationToken)
    {
        var why = cmd.Reason?.Trim();
        var reason = string.IsNullOrEmpty(why) ? Recorded + "." : $"{Recorded}: {why}";
        return FamilyCaseChange.ApplyAsync(dbs, portalClock, actor, clock, cmd.Reference, (r, ctx) => r.Withdraw(reason, ctx), cancellationToken);
    }
}
