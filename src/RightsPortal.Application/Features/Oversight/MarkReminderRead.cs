using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Features.Oversight;

/// <summary>A member of staff marks one of their own reminders as read (someone else's is not found).</summary>
[RequiresRole(Roles.Caseworker, Roles.Dpo, Roles.ServiceContact)]
public sealed record MarkReminderReadCommand(Guid ReminderId) : ICommand<Unit>;

public sealed class MarkReminderReadValidator : AbstractValidator<MarkReminderReadCommand>
{
    public MarkReminderReadValidator() => RuleFor(c => c.ReminderId).NotEmpty();
}

internal sealed class MarkReminderReadHandler(IDbContextFactory<PortalDb> dbs, ICurrentActor actor, TimeProvider clock) : IRequestHandler<MarkReminderReadCommand, Unit>
{
    public async Task<Unit> Handle(MarkReminderReadCommand cmd, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var reminder = await MyReminderScope.Mine(db, actor).SingleOrDefaultAsync(r => r.Id == cmd.ReminderId, cancellationToken)
                       ?? throw new NotFoundException("reminder");
        if (reminder.ReadAt is null)
        {
            reminder.ReadAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
