using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;
using RightsPortal.Web.Components.Pages.Casework;

namespace RightsPortal.Web.Tests;

/// <summary>The case page's messages panel: the thread with the family and the reply box.</summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class CaseMessagesTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly CaseContext Ctx = new("caseworker", new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), Today, new DeadlineCalculator(HolidayCalendar.EnglandAndWales), ClockSettings.Default);

    private readonly BunitContext ctx = new();
    private readonly RecordingMediator mediator = new();
    private int changes;

    public CaseMessagesTests()
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<MediatR.IMediator>(mediator);
        ctx.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Ctx.At));
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await ctx.DisposeAsync();

    [Fact]
    public void The_thread_shows_who_wrote_each_message_oldest_first()
    {
        var r = InProgress();
        r.MessageFromFamily("Please include emails.", Ctx with { ActorId = "family" });
        r.MessageFromTeam("We will. Which years?", Ctx with { At = Ctx.At.AddHours(1) });

        var cut = Render(RequestDetail.FromCase(r, Today));

        Assert.Equal(["The family", "The team"], cut.FindAll("[data-testid=case-message-who]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Please include emails.", "We will. Which years?"], cut.FindAll("[data-testid=case-message-text]").Select(e => e.TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=no-messages]"));
    }

    [Fact]
    public async Task A_reply_sends_the_command_for_the_version_shown_and_refreshes_the_case()
    {
        var detail = RequestDetail.FromCase(InProgress(), Today);
        var cut = Render(detail);
        Assert.NotEmpty(cut.FindAll("[data-testid=no-messages]"));

        await cut.InvokeAsync(() => cut.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("Which school years?"));
        await cut.Find("[data-testid=message-send]").ClickAsync(new());

        var sent = Assert.IsType<SendMessageToFamilyCommand>(Assert.Single(mediator.Sent));
        Assert.Equal(new SendMessageToFamilyCommand(detail.Id, detail.Version, "Which school years?"), sent);
        Assert.Equal(1, changes);
        Assert.Empty(cut.FindAll("[data-testid=message-problem]"));
    }

    [Fact]
    public async Task A_blank_reply_shows_the_validators_message_and_sends_nothing()
    {
        var cut = Render(RequestDetail.FromCase(InProgress(), Today));

        await cut.Find("[data-testid=message-send]").ClickAsync(new());

        Assert.Equal("Write the message to the family.", cut.Find("[data-testid=message-problem]").TextContent.Trim());
        Assert.Empty(mediator.Sent);
        Assert.Equal(0, changes);
    }

    [Fact]
    public async Task A_colleagues_change_in_between_is_shown_as_a_conflict()
    {
        mediator.Conflict = true;
        var cut = Render(RequestDetail.FromCase(InProgress(), Today));

        await cut.InvokeAsync(() => cut.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("Hello"));
        await cut.Find("[data-testid=message-send]").ClickAsync(new());

        Assert.Contains("Someone else changed this case", cut.Find("[data-testid=message-problem]").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, changes);
    }

    [Fact]
    public void A_finished_request_shows_the_thread_without_a_reply_box()
    {
        var r = InProgress();
        r.MessageFromFamily("Thanks", Ctx with { ActorId = "family" });
        r.Withdraw("Phoned to withdraw", Ctx);

        var cut = Render(RequestDetail.FromCase(r, Today));

        Assert.Single(cut.FindAll("[data-testid=case-message]"));
        Assert.Empty(cut.FindAll("[data-testid=message-send]"));
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Render(RequestDetail detail) =>
        ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<CaseMessages>(1);
            b.AddAttribute(2, nameof(CaseMessages.Request), detail);
            b.AddAttribute(3, nameof(CaseMessages.OnChanged), EventCallback.Factory.Create(this, () => changes++));
            b.CloseComponent();
        });

    private static RightsRequest InProgress()
    {
        var r = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), Right.Access, Channel.Letter,
            new RequestParties(RequesterRole.ParentCarer, "Pat", "pat@example.org", "Sam", new DateOnly(2014, 1, 1), null),
            ["ehc"], null, Today, DateTimeOffset.UnixEpoch, Today, Ctx.Calculator, Ctx.Settings);
        r.ProceedWithoutIdentity("Known family", Ctx);
        return r;
    }

    /// <summary>Runs the command's real validator (as the pipeline would) and records what would have been sent.</summary>
    private sealed class RecordingMediator : MediatR.IMediator
    {
        public List<object> Sent { get; } = [];

        public bool Conflict { get; set; }

        public Task<TResponse> Send<TResponse>(MediatR.IRequest<TResponse> request, CancellationToken cancellationToken = default)
        {
            var command = request as SendMessageToFamilyCommand ?? throw new InvalidOperationException($"Not expected from this panel: {request.GetType().Name}.");
            var result = new SendMessageToFamilyValidator().Validate(command);
            if (!result.IsValid) throw new ValidationException(result.Errors);
            if (Conflict) throw new ConcurrencyConflictException();
            Sent.Add(request);
            return Task.FromResult((TResponse)(object)new CaseState(command.RequestId, Guid.NewGuid(), RequestStatus.InProgress, Today));
        }

        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : MediatR.INotification =>
            Task.CompletedTask;
    }
}
