using MediatR;

namespace RightsPortal.Application.Security;

/// <summary>A request that changes something: audited.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;

/// <summary>What an audit row links a command to (ids only, never personal data).</summary>
public interface IAuditable
{
    Guid? AuditOrganisationId { get; }
    Guid? AuditRequestId { get; }
}
