using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Families;

/// <summary>
/// A signed-in family writes to the team about one of their own requests. While the clock is paused for clarification
/// the message is their answer, and the clock resumes from the day it arrived (T6).
/// </summary>
[RequiresFamily]
public sealed record SendMessageToTeamCommand(string Reference, string Text) : ICommand<MyRequestChanged>;

public sealed class SendMessageToTeamValidator : AbstractValidator<SendMessageToTeamCommand>
{
    public SendMessageToTeamValidator()
    {
        RuleFor(c => c.Text)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Enter your message")
            .Must(t => t is null || t.Trim().Length <= RightsRequest.MessageLimit)
            .WithMessage($"Your message must be {RightsRequest.MessageLimit} characters or fewer");
    }
}

internal sealed class SendMessageToTeamHandler(IDbContextFactory<PortalDb> dbs, PortalClock portalClock, ICurrentActor actor, TimeProvider clock)
    : IRequestHandler<SendMessageToTeamCommand, MyRequestChanged>
{
    public Task<MyRequestChanged> Handle(SendMessageToTeamCommand cmd, CancellationToken cancellationToken) =>
        FamilyCaseChange.ApplyAsync(dbs, portalClock, actor, clock, cmd.Reference, (r, ctx) => r.MessageFromFamily(cmd.Text, ctx), cancellationToken);
}
