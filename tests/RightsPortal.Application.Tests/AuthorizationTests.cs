using MediatR;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Tests;

public sealed class AuthorizationTests
{
    [Fact]
    public async Task The_queue_is_refused_to_someone_not_signed_in()
    {
        await using var app = await PortalApp.StartAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new GetQueueQuery()));
    }

    [Fact]
    public async Task The_queue_is_refused_to_an_administrator_who_is_not_a_caseworker()
    {
        await using var app = await PortalApp.StartAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsAdministrator().SendAsync(new GetQueueQuery()));
    }

    [Fact]
    public async Task The_queue_is_refused_to_a_caseworker_not_linked_to_an_organisation()
    {
        await using var app = await PortalApp.StartAsync();
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworkerWithoutOrganisation().SendAsync(new GetQueueQuery()));
        Assert.Contains("not linked to an organisation", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_queue_is_refused_to_a_signed_in_person_with_no_staff_role()
    {
        await using var app = await PortalApp.StartAsync();
        app.Actor.SignIn("someone", app.OrganisationId("STK"));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAsync(new GetQueueQuery()));
    }

    [Fact]
    public async Task A_request_detail_is_refused_to_someone_not_signed_in()
    {
        await using var app = await PortalApp.StartAsync();
        var receipt = await app.SendAsync(app.ValidAccessRequest());
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new GetRequestDetailQuery(receipt.RequestId)));
    }

    [Fact]
    public async Task The_DPO_of_an_organisation_may_see_its_queue()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest("STK"));

        var page = await app.AsDpo("STK").SendAsync(new GetQueueQuery());
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task A_caseworker_of_an_organisation_may_see_its_queue()
    {
        await using var app = await PortalApp.StartAsync();
        await app.SendAsync(app.ValidAccessRequest("STK"));

        var page = await app.AsCaseworker("STK").SendAsync(new GetQueueQuery());
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task A_request_type_that_does_not_say_who_may_use_it_is_refused_even_to_an_administrator()
    {
        await using var app = await PortalApp.StartAsync(configure: s => s.AddTransient<IRequestHandler<UndeclaredQuery, int>, UndeclaredHandler>());
        UndeclaredHandler.Calls = 0;

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => app.AsAdministrator().SendAsync(new UndeclaredQuery()));
        Assert.Contains("UndeclaredQuery", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsDpo("STK").SendAsync(new UndeclaredQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsPublic().SendAsync(new UndeclaredQuery()));
        Assert.Equal(0, UndeclaredHandler.Calls);
    }

    [Fact]
    public async Task A_request_type_that_declares_a_role_reaches_its_handler()
    {
        // The control for the test above: the same kind of test-declared request does run once it names a role.
        await using var app = await PortalApp.StartAsync(configure: s => s.AddTransient<IRequestHandler<AdministratorsOnlyQuery, int>, AdministratorsOnlyHandler>());
        Assert.Equal(7, await app.AsAdministrator().SendAsync(new AdministratorsOnlyQuery()));
        await Assert.ThrowsAsync<ForbiddenException>(() => app.AsCaseworker("STK").SendAsync(new AdministratorsOnlyQuery()));
    }
}

/// <summary>Declares nobody: must be refused to everyone (deny by default).</summary>
public sealed record UndeclaredQuery : IRequest<int>;

public sealed class UndeclaredHandler : IRequestHandler<UndeclaredQuery, int>
{
    public static int Calls { get; set; }

    public Task<int> Handle(UndeclaredQuery request, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(42);
    }
}

[RequiresRole(Roles.Administrator)]
public sealed record AdministratorsOnlyQuery : IRequest<int>;

public sealed class AdministratorsOnlyHandler : IRequestHandler<AdministratorsOnlyQuery, int>
{
    public Task<int> Handle(AdministratorsOnlyQuery request, CancellationToken cancellationToken) => Task.FromResult(7);
}
