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

/// <summary>The case page offers exactly the actions the request's state allows (the domain decides; the page shows).</summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class CaseActionsComponentTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly CaseContext Ctx = new("caseworker", DateTimeOffset.UnixEpoch, Today, new DeadlineCalculator(HolidayCalendar.EnglandAndWales), ClockSettings.Default);
    private readonly BunitContext ctx = new();

    public CaseActionsComponentTests()
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<MediatR.IMediator>(new NoMediator());
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await ctx.DisposeAsync();

    public static TheoryData<string, string[]> States() => new()
    {
        { "received", ["RequestIdentity", "ProceedWithoutIdentity", "Extend", "Withdraw"] },
        { "awaiting-id", ["RecordIdentityReceived", "Extend", "Withdraw"] },
        { "in-progress", ["PauseForClarification", "DraftResponse", "Extend", "Withdraw"] },
        { "paused", ["RecordClarificationAnswer", "Extend", "Withdraw"] },
        { "extended", ["PauseForClarification", "DraftResponse", "Withdraw"] },
        { "drafted", ["Close", "DraftResponse", "Withdraw"] },
        { "closed", ["ReopenForReview"] },
        { "withdrawn", [] },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Only_the_actions_the_state_allows_are_offered(string state, string[] expected)
    {
        var cut = Render(RequestIn(state));

        var offered = cut.FindAll("[data-testid^=action-]").Select(b => b.GetAttribute("data-testid")!["action-".Length..]).ToList();
        Assert.Equal(expected.Order(), offered.Order());
        if (expected.Length == 0)
        {
            Assert.NotNull(cut.Find("[data-testid=no-actions]"));
        }
    }

    [Fact]
    public void Closing_a_full_compliance_asks_for_the_date_sent_and_no_refusal_reasons()
    {
        var cut = Render(RequestIn("drafted"));
        cut.Find("[data-testid=action-Close]").Click();
        Assert.NotNull(cut.Find("[data-testid=action-date]"));
        Assert.Empty(cut.FindAll("[data-testid=action-refusal]"));
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Render(RightsRequest request) =>
        ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<CaseActions>(1);
            b.AddAttribute(2, nameof(CaseActions.Request), Detail(request));
            b.CloseComponent();
        });

    private static RightsRequest RequestIn(string state)
    {
        var r = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), Right.Access, Channel.Letter,
            new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
            ["health"], null, Today, DateTimeOffset.UnixEpoch, Today, Ctx.Calculator, Ctx.Settings);
        switch (state)
        {
            case "awaiting-id": r.RequestIdentity("Details do not match", Ctx); break;
            case "in-progress": r.ProceedWithoutIdentity("Known family", Ctx); break;
            case "paused": r.ProceedWithoutIdentity("Known family", Ctx); r.PauseForClarification(Today, "Which years?", Ctx); break;
            case "extended": r.ProceedWithoutIdentity("Known family", Ctx); r.Extend("Four services hold records", Ctx); break;
            case "drafted": r.ProceedWithoutIdentity("Known family", Ctx); r.DraftResponse(Outcome.Complied, "All records", Ctx); break;
            case "closed": r.ProceedWithoutIdentity("Known family", Ctx); r.DraftResponse(Outcome.Complied, "All records", Ctx); r.Close(Outcome.Complied, Today, null, Ctx); break;
            case "withdrawn": r.Withdraw("Phoned to withdraw", Ctx); break;
        }

        return r;
    }

    private static RequestDetail Detail(RightsRequest r) =>
        new(r.Id, r.Reference, r.Right, r.Status, r.Channel, r.RequesterRole, r.RequesterName, r.RequesterEmail, r.SubjectName,
            r.SubjectDateOfBirth, r.SubjectSetting, r.DataCategories, r.Details, r.ReceivedOn, r.StartOn, r.DueOn, r.DueExplanation.Split('\n'))
        {
            Version = r.Version,
            AllowedActions = r.AllowedActions(),
            Outcome = r.Outcome,
        };

    /// <summary>Rendering only: no action is saved in these tests.</summary>
    private sealed class NoMediator : MediatR.IMediator
    {
        public Task<TResponse> Send<TResponse>(MediatR.IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Not expected in a rendering test.");

        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : MediatR.INotification =>
            Task.CompletedTask;
    }
}
