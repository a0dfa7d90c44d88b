using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;
using RightsPortal.Web.Components.Pages.Casework;

namespace RightsPortal.Web.Tests;

/// <summary>The "who may ask" and "linked cases" panels show what the domain says about the requester and the family.</summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class CaseAuthorityComponentTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly CaseContext Ctx = new("caseworker", DateTimeOffset.UnixEpoch, Today, new DeadlineCalculator(HolidayCalendar.EnglandAndWales), ClockSettings.Default);
    private readonly BunitContext ctx = new();

    public CaseAuthorityComponentTests()
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<MediatR.IMediator>(new RecordingMediator());
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await ctx.DisposeAsync();

    [Fact]
    public void A_parent_asking_for_a_young_person_sees_the_warning_and_the_date_they_became_one()
    {
        var cut = Render<CaseAuthority>(Request(RequesterRole.ParentCarer, new DateOnly(2010, 1, 15)));

        Assert.Contains("has been a young person since Friday 26 June 2026", cut.Find("[data-testid=subject-stage]").TextContent, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("[data-testid=authority-warning]"), w => w.TextContent.Contains("EHC rights are now their own", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_competence_assessment_asks_whether_the_child_understands_and_a_refusal_is_shown()
    {
        var cut = Render<CaseAuthority>(Request(RequesterRole.Child, new DateOnly(2015, 1, 15)));
        Assert.Empty(cut.FindAll("[data-testid=authority-competent]"));

        cut.Find("[data-testid=authority-add]").Click();
        var select = cut.FindComponent<MudSelect<AuthorityKind>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(AuthorityKind.CompetenceAssessment));
        Assert.NotNull(cut.Find("[data-testid=authority-competent]"));

        cut.Find("[data-testid=authority-save]").Click();
        Assert.Contains("Say whether the child understands", cut.Find("[data-testid=authority-problem]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transferred_case_shows_where_it_went_and_what_the_family_was_told()
    {
        var r = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), Right.Access, Channel.Letter,
            new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
            ["ehc"], null, Today, DateTimeOffset.UnixEpoch, Today, Ctx.Calculator, Ctx.Settings);
        r.ProceedWithoutIdentity("Known", Ctx);
        r.TransferTo(RightsRequest.ReceiveTransfer(r, "Stoke", Guid.NewGuid(), "HHJ-2026-000004", ["ehc"], null, Ctx), "Hursthead Junior School", true, null, "the records are the school's", Ctx);

        var cut = Render<CaseFamily>(Detail(r));

        Assert.Contains("HHJ-2026-000004", cut.Find("[data-testid=transferred-to]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Hursthead Junior School", cut.Find("[data-testid=transfer-notice]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=family-add]")); // a transferred case takes no more children
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Render<T>(RequestDetail detail) where T : IComponent =>
        ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<T>(1);
            b.AddAttribute(2, "Request", detail);
            b.CloseComponent();
        });

    private static RequestDetail Request(RequesterRole role, DateOnly born)
    {
        var r = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), Right.Access, Channel.Letter,
            new RequestParties(role, "Pat", "pat@example.org", "Sam", born, null),
            ["ehc"], null, Today, DateTimeOffset.UnixEpoch, Today, Ctx.Calculator, Ctx.Settings);
        return Detail(r);
    }

    private static RequestDetail Detail(RightsRequest r) => RequestDetail.FromCase(r, Today);

    /// <summary>Sends through the real validator so the page shows the message a caseworker would see.</summary>
    private sealed class RecordingMediator : MediatR.IMediator
    {
        public Task<TResponse> Send<TResponse>(MediatR.IRequest<TResponse> request, CancellationToken cancellationToken = default)
        {
            if (request is RecordAuthorityCommand command)
            {
                var result = new RecordAuthorityValidator().Validate(command);
                if (!result.IsValid) throw new FluentValidation.ValidationException(result.Errors);
            }

            throw new InvalidOperationException("Not expected in a rendering test.");
        }

        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : MediatR.INotification =>
            Task.CompletedTask;
    }
}
