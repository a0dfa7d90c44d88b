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
        { "received", ["RequestIdentity", "ProceedWithoutIdentity", "Transfer", "Extend", "Withdraw"] },
        { "awaiting-id", ["RecordIdentityReceived", "Transfer", "Extend", "Withdraw"] },
        { "in-progress", ["PauseForClarification", "RequestFee", "DraftResponse", "Transfer", "Extend", "Withdraw"] },
        { "awaiting-fee", ["RecordFeePaid", "WaiveFee", "Withdraw"] },
        { "paused", ["RecordClarificationAnswer", "Extend", "Withdraw"] },
        { "extended", ["PauseForClarification", "RequestFee", "DraftResponse", "Transfer", "Withdraw"] },
        { "drafted", ["Close", "DraftResponse", "Withdraw"] }, // the decision itself is recorded in its own panel
        { "closed", ["ReopenForReview"] },
        { "withdrawn", [] },
        { "transferred", [] },
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

    [Fact]
    public void Asking_for_a_fee_on_a_request_to_see_records_asks_for_the_amount_and_offers_further_copies()
    {
        var access = Render(RequestIn("in-progress"));
        access.Find("[data-testid=action-RequestFee]").Click();

        Assert.NotNull(access.Find("[data-testid=action-fee-amount]"));
        Assert.Contains(FeeBases(access), o => o.Contains("Further copies", StringComparison.Ordinal));
    }

    [Fact]
    public void Asking_for_a_fee_on_an_erasure_request_never_offers_further_copies()
    {
        var erasure = Render(RequestIn("in-progress", Right.Erasure));
        erasure.Find("[data-testid=action-RequestFee]").Click();

        var options = FeeBases(erasure);
        Assert.Contains(options, o => o.Contains("manifestly excessive", StringComparison.Ordinal));
        Assert.DoesNotContain(options, o => o.Contains("Further copies", StringComparison.Ordinal));
    }

    /// <summary>Opens the fee-basis list and reads its options.</summary>
    private static List<string> FeeBases(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut)
    {
        var select = cut.FindComponent<MudSelect<FeeBasis>>();
        cut.InvokeAsync(select.Instance.OpenMenu).GetAwaiter().GetResult();
        return [.. cut.FindComponents<MudSelectItem<FeeBasis>>().Select(i => i.Markup)];
    }

    [Fact]
    public void Saving_a_fee_without_an_amount_says_what_to_enter()
    {
        var cut = Render(RequestIn("in-progress"));
        cut.Find("[data-testid=action-RequestFee]").Click();
        cut.Find("[data-testid=action-save]").Click();

        Assert.Equal("Enter the fee in pounds.", cut.Find("[data-testid=action-problem]").TextContent.Trim());
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

    private static RightsRequest RequestIn(string state, Right right = Right.Access)
    {
        var r = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), right, Channel.Letter,
            new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
            ["health"], null, Today, DateTimeOffset.UnixEpoch, Today, Ctx.Calculator, Ctx.Settings);
        switch (state)
        {
            case "awaiting-id": r.RequestIdentity("Details do not match", Ctx); break;
            case "in-progress": r.ProceedWithoutIdentity("Known family", Ctx); break;
            case "paused": r.ProceedWithoutIdentity("Known family", Ctx); r.PauseForClarification(Today, "Which years?", Ctx); break;
            case "extended": r.ProceedWithoutIdentity("Known family", Ctx); r.Extend("Four services hold records", Ctx); break;
            case "awaiting-fee": r.ProceedWithoutIdentity("Known family", Ctx); r.RequestFee(FeeBasis.ManifestlyExcessive, 20m, "Repeated requests", Ctx); break;
            case "drafted": r.ProceedWithoutIdentity("Known family", Ctx); r.DraftResponse(Outcome.NothingHeld, "Nothing held", Ctx); break;
            case "closed": r.ProceedWithoutIdentity("Known family", Ctx); r.DraftResponse(Outcome.NothingHeld, "Nothing held", Ctx); r.Close(Outcome.NothingHeld, Today, null, Ctx); break;
            case "transferred":
                r.ProceedWithoutIdentity("Known family", Ctx);
                r.TransferTo(RightsRequest.ReceiveTransfer(r, "Stoke", Guid.NewGuid(), "HHJ-2026-000001", ["ehc"], null, Ctx), "Hursthead", true, null, "Theirs", Ctx);
                break;
            case "withdrawn": r.Withdraw("Phoned to withdraw", Ctx); break;
        }

        return r;
    }

    private static RequestDetail Detail(RightsRequest r) => RequestDetail.FromCase(r, Today);

    /// <summary>Rendering only: no action is saved in these tests.</summary>
    private sealed class NoMediator : MediatR.IMediator
    {
        public Task<TResponse> Send<TResponse>(MediatR.IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Not expected in a rendering test.");

        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : MediatR.INotification =>
            Task.CompletedTask;
    }
}
