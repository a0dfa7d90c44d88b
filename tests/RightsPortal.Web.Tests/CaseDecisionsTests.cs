using Bunit;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Extensions;
using MudBlazor.Services;
using RightsPortal.Application.Features.Casework;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;
using RightsPortal.Web.Components.Pages.Casework;

namespace RightsPortal.Web.Tests;

/// <summary>The case page's "Decision" panel: the records list for access, the decision for the other rights, lifting a restriction.</summary>
#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync, which xunit calls
public sealed class CaseDecisionsTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly CaseContext Ctx = new("caseworker", DateTimeOffset.UnixEpoch, Today, new DeadlineCalculator(HolidayCalendar.EnglandAndWales), ClockSettings.Default);

    private static readonly RetentionRule SenFile = new()
    {
        RecordType = "SEN file, EHC plan and reviews",
        Trigger = RetentionTrigger.DateOfBirth,
        Years = 31,
        Action = RetentionAction.Review,
        CategoryCodes = ["ehc"],
    };

    private readonly BunitContext ctx = new();
    private readonly ValidatingMediator mediator = new();
    private int changes;

    public CaseDecisionsTests()
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<MediatR.IMediator>(mediator);
        ctx.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero)));
        ctx.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await ctx.DisposeAsync();

    [Fact]
    public async Task A_request_to_see_records_lists_them_and_asks_for_an_exemption_only_for_a_redacted_or_withheld_record()
    {
        var r = InProgress(Right.Access);
        r.RecordDisclosure("EHC plan, final, 2025", Disposition.Disclosed, null, null, Ctx);
        r.RecordDisclosure("Legal advice on the appeal", Disposition.Withheld, Exemption.LegalPrivilege, "Privileged advice", Ctx);
        var cut = Render(Detail(r));

        var rows = cut.FindAll("[data-testid=disclosure-list] [data-testid=disclosure-row]");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["None", "Legal professional privilege"], cut.FindAll("[data-testid=disclosure-row-exemption]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["Disclosed in full", "Withheld"], cut.FindAll("[data-testid=disclosure-row-disposition]").Select(c => c.TextContent.Trim()));
        Assert.NotEmpty(cut.FindAll("[data-testid=disclosure-description]"));
        Assert.Empty(cut.FindAll("[data-testid=disclosure-exemption]"));
        Assert.Empty(cut.FindAll("[data-testid=disclosure-reason]"));
        Assert.Empty(cut.FindAll("[data-testid=decision-kind]")); // access rests on its list, not a decision

        await ChooseAsync(cut, Disposition.Redacted);

        Assert.NotEmpty(cut.FindAll("[data-testid=disclosure-exemption]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=disclosure-reason]"));
        Assert.Equal(["Information about other people", "Serious harm", "Child abuse data", "Legal professional privilege"], await ExemptionsOfferedAsync(cut));

        await ChooseAsync(cut, Disposition.Disclosed);

        Assert.Empty(cut.FindAll("[data-testid=disclosure-exemption]"));
        Assert.Empty(cut.FindAll("[data-testid=disclosure-reason]"));
    }

    [Fact]
    public async Task The_child_abuse_data_exemption_is_not_offered_when_a_young_person_asks()
    {
        var cut = Render(Detail(InProgress(Right.Access, RequesterRole.YoungPerson)));

        await ChooseAsync(cut, Disposition.Withheld);

        var offered = await ExemptionsOfferedAsync(cut);
        Assert.Equal(["Information about other people", "Serious harm", "Legal professional privilege"], offered);
    }

    [Fact]
    public async Task A_withheld_record_without_its_exemption_shows_what_is_missing_and_sends_nothing()
    {
        var cut = Render(Detail(InProgress(Right.Access)));
        cut.Find("textarea[data-testid=disclosure-description], input[data-testid=disclosure-description]").Change("Strategy meeting notes");
        await ChooseAsync(cut, Disposition.Withheld);

        cut.Find("[data-testid=add-disclosure]").Click();

        var problem = cut.Find("[data-testid=decision-problem]").TextContent;
        Assert.Contains("Choose the exemption that allows this record to be redacted or withheld.", problem, StringComparison.Ordinal);
        Assert.Contains("Give the reasons the exemption applies", problem, StringComparison.Ordinal);
        Assert.True(cut.FindComponent<MudSelect<Exemption?>>().Instance.GetState(x => x.Error));
        Assert.Empty(mediator.Sent);
        Assert.Equal(0, changes);
    }

    [Fact]
    public void A_record_disclosed_in_full_is_sent_with_no_exemption_and_the_case_reloads()
    {
        var r = InProgress(Right.Access);
        var cut = Render(Detail(r));
        cut.Find("input[data-testid=disclosure-description], textarea[data-testid=disclosure-description]").Change("EHC plan, final, 2025");

        cut.Find("[data-testid=add-disclosure]").Click();

        var sent = Assert.IsType<RecordDisclosureCommand>(Assert.Single(mediator.Sent));
        Assert.Equal((r.Id, r.Version, "EHC plan, final, 2025", Disposition.Disclosed, (Exemption?)null, (string?)null),
            (sent.RequestId, sent.ExpectedVersion, sent.Description, sent.Disposition, sent.Exemption, sent.Reason));
        Assert.Equal(1, changes);
    }

    [Fact]
    public void A_closed_request_shows_its_records_but_offers_no_editing()
    {
        var r = InProgress(Right.Access);
        r.RecordDisclosure("EHC plan, final, 2025", Disposition.Disclosed, null, null, Ctx);
        r.DraftResponse(Outcome.Complied, "All records", Ctx);
        r.Close(Outcome.Complied, Today, null, Ctx);
        var cut = Render(Detail(r));

        Assert.Single(cut.FindAll("[data-testid=disclosure-row]"));
        Assert.Empty(cut.FindAll("[data-testid=disclosure-form]"));
        Assert.Empty(cut.FindAll("[data-testid=add-disclosure]"));
        Assert.Empty(cut.FindAll("[data-testid=disclosure-description]"));
        Assert.Empty(cut.FindAll("[data-testid=remove-disclosure]"));
    }

    [Fact]
    public void An_open_request_offers_to_take_a_record_off_the_list()
    {
        var r = InProgress(Right.Access);
        var item = r.RecordDisclosure("EHC plan, final, 2025", Disposition.Disclosed, null, null, Ctx);
        var cut = Render(Detail(r));

        cut.Find("[data-testid=remove-disclosure]").Click();

        var sent = Assert.IsType<RemoveDisclosureCommand>(Assert.Single(mediator.Sent));
        Assert.Equal(item.Id, sent.ItemId);
    }

    [Fact]
    public void An_erasure_request_shows_the_rule_and_date_that_keep_the_records_before_the_decision()
    {
        // Born 1 Mar 2015: the SEN file is kept until date of birth plus 31 years, Thu 1 Mar 2046.
        var r = InProgress(Right.Erasure, born: new DateOnly(2015, 3, 1));
        var cut = Render(Detail(r, ErasureCheck.Blocks([SenFile], r.DataCategories.ToList(), r.SubjectDateOfBirth, Today)));

        var block = cut.Find("[data-testid=erasure-blocks] [data-testid=erasure-block]").TextContent;
        Assert.Contains("SEN file, EHC plan and reviews: kept until Thursday 1 March 2046", block, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=no-decision]"));
        Assert.NotNull(cut.Find("[data-testid=record-decision]"));
        Assert.Empty(cut.FindAll("[data-testid=disclosure-form]"));
    }

    [Fact]
    public void An_erasure_request_no_rule_keeps_says_so()
    {
        var cut = Render(Detail(InProgress(Right.Erasure, born: new DateOnly(2015, 3, 1)), []));

        Assert.Empty(cut.FindAll("[data-testid=erasure-blocks]"));
        Assert.NotNull(cut.Find("[data-testid=erasure-no-blocks]"));
    }

    [Fact]
    public async Task A_correction_asks_who_was_told_and_sends_the_decision()
    {
        var r = InProgress(Right.Rectification);
        var cut = Render(Detail(r));
        Assert.Equal([DecisionKind.Corrected, DecisionKind.SupplementaryStatementAdded, DecisionKind.RectificationRefused], await DecisionsOfferedAsync(cut));

        await ChooseAsync(cut, (DecisionKind?)DecisionKind.RectificationRefused);
        Assert.Empty(cut.FindAll("[data-testid=recipients-told]"));
        await ChooseAsync(cut, (DecisionKind?)DecisionKind.Corrected);
        cut.Find("textarea[data-testid=decision-reasons]").Change("Date of birth corrected");
        cut.Find("textarea[data-testid=recipients-told]").Change("The school");
        cut.Find("[data-testid=record-decision]").Click();

        var sent = Assert.IsType<RecordDecisionCommand>(Assert.Single(mediator.Sent));
        Assert.Equal((DecisionKind.Corrected, "Date of birth corrected", "The school", (RestrictionGround?)null), (sent.Kind, sent.Reasons, sent.RecipientsTold, sent.Ground));
    }

    [Fact]
    public void A_recorded_decision_is_shown_and_a_closed_request_offers_no_change()
    {
        var r = InProgress(Right.Objection);
        r.Decide(DecisionKind.ObjectionNotApplicableLegalObligation, "", null, [], null, Ctx);
        r.DraftResponse(Outcome.Refused, "The objection does not apply", Ctx);
        r.Close(Outcome.Refused, Today, "The law requires the processing", Ctx);
        var cut = Render(Detail(r));

        Assert.Contains("Objection does not apply: legal obligation", cut.Find("[data-testid=recorded-decision]").TextContent, StringComparison.Ordinal);
        Assert.Equal(DecisionRules.LegalObligationObjectionText, cut.Find("[data-testid=recorded-reasons]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=decision-form]"));
        Assert.Empty(cut.FindAll("[data-testid=change-decision]"));
    }

    [Fact]
    public void A_placed_restriction_cannot_be_lifted_until_the_person_has_been_told()
    {
        var r = InProgress(Right.Restriction);
        r.Decide(DecisionKind.RestrictionPlaced, "Accuracy disputed", null, [], RestrictionGround.AccuracyContested, Ctx);

        var cut = Render(Detail(r));

        Assert.True(cut.Find("[data-testid=lift-restriction]").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-testid=give-notice]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=restriction-notice-given]"));
    }

    [Fact]
    public void Once_the_person_has_been_told_the_restriction_can_be_lifted()
    {
        var r = InProgress(Right.Restriction);
        r.Decide(DecisionKind.RestrictionPlaced, "Accuracy disputed", null, [], RestrictionGround.AccuracyContested, Ctx);
        r.GiveNoticeOfLiftingRestriction(Today, "Letter", Ctx);

        var cut = Render(Detail(r));

        Assert.False(cut.Find("[data-testid=lift-restriction]").HasAttribute("disabled"));
        Assert.Contains("Monday 2 March 2026", cut.Find("[data-testid=restriction-notice-given]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=give-notice]"));
        cut.Find("textarea[data-testid=restriction-lift-reason]").Change("Accuracy checked");
        cut.Find("[data-testid=lift-restriction]").Click();

        var sent = Assert.IsType<LiftRestrictionCommand>(Assert.Single(mediator.Sent));
        Assert.Equal((Today, "Accuracy checked"), (sent.LiftedOn, sent.Reason));
    }

    [Fact]
    public void A_lifted_restriction_offers_nothing_more()
    {
        var r = InProgress(Right.Restriction);
        r.Decide(DecisionKind.RestrictionPlaced, "Accuracy disputed", null, [], RestrictionGround.AccuracyContested, Ctx);
        r.GiveNoticeOfLiftingRestriction(Today, "Letter", Ctx);
        r.LiftRestriction(Today, "Checked", Ctx);

        var cut = Render(Detail(r));

        Assert.Contains("Monday 2 March 2026", cut.Find("[data-testid=restriction-lifted]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=lift-restriction]"));
        Assert.Empty(cut.FindAll("[data-testid=give-notice]"));
    }

    [Fact]
    public void A_right_with_no_decision_shows_no_panel()
    {
        var cut = Render(Detail(InProgress(Right.AutomatedDecision)));

        Assert.Empty(cut.FindAll("[data-testid=case-decisions]"));
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Render(RequestDetail detail) =>
        ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<CaseDecisions>(1);
            b.AddAttribute(2, nameof(CaseDecisions.Request), detail);
            b.AddAttribute(3, nameof(CaseDecisions.OnChanged), EventCallback.Factory.Create(this, () => changes++));
            b.CloseComponent();
        });

    private static async Task ChooseAsync<T>(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut, T value)
    {
        var select = cut.FindComponent<MudSelect<T>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private static async Task<List<string>> ExemptionsOfferedAsync(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut)
    {
        var select = cut.FindComponent<MudSelect<Exemption?>>();
        await cut.InvokeAsync(select.Instance.OpenMenu);
        // The select registers its items as well as showing them: read each shown item once.
        return [.. cut.FindComponents<MudSelectItem<Exemption?>>().Select(i => string.Concat(i.Nodes.Select(n => n.TextContent)).Trim()).Where(t => t.Length > 0).Distinct()];
    }

    private static async Task<List<DecisionKind>> DecisionsOfferedAsync(IRenderedComponent<Bunit.Rendering.ContainerFragment> cut)
    {
        var select = cut.FindComponent<MudSelect<DecisionKind?>>();
        await cut.InvokeAsync(select.Instance.OpenMenu);
        return [.. cut.FindComponents<MudSelectItem<DecisionKind?>>().Select(i => i.Instance.Value!.Value).Distinct()];
    }

    private static RightsRequest InProgress(Right right, RequesterRole role = RequesterRole.ParentCarer, DateOnly? born = null)
    {
        var r = RightsRequest.Receive(Guid.NewGuid(), "STK-2026-000001", Guid.NewGuid(), right, Channel.Letter,
            new RequestParties(role, "Pat", "pat@example.org", "Sam", born ?? new DateOnly(2014, 1, 1), null),
            ["ehc"], null, Today, DateTimeOffset.UnixEpoch, Today, Ctx.Calculator, Ctx.Settings);
        r.ProceedWithoutIdentity("Known family", Ctx);
        return r;
    }

    /// <summary>The case as the case page's query shows it (the fields this panel reads).</summary>
    private static RequestDetail Detail(RightsRequest r, IReadOnlyList<ErasureBlock>? blocks = null) =>
        RequestDetail.FromCase(r, Today) with { ErasureBlocks = blocks ?? [] };

    /// <summary>Runs each command's real validator (as the pipeline would) and records what would have been sent.</summary>
    private sealed class ValidatingMediator : MediatR.IMediator
    {
        public List<object> Sent { get; } = [];

        public Task<TResponse> Send<TResponse>(MediatR.IRequest<TResponse> request, CancellationToken cancellationToken = default)
        {
            var result = request switch
            {
                RecordDisclosureCommand c => new RecordDisclosureValidator().Validate(c),
                RemoveDisclosureCommand c => new RemoveDisclosureValidator().Validate(c),
                RecordDecisionCommand c => new RecordDecisionValidator().Validate(c),
                GiveNoticeOfLiftingRestrictionCommand c => new GiveNoticeOfLiftingRestrictionValidator().Validate(c),
                LiftRestrictionCommand c => new LiftRestrictionValidator().Validate(c),
                _ => throw new InvalidOperationException($"Not expected from this panel: {request.GetType().Name}."),
            };
            if (!result.IsValid) throw new ValidationException(result.Errors);
            Sent.Add(request);
            var changed = (ICaseChange)request;
            return Task.FromResult((TResponse)(object)new CaseState(changed.RequestId, Guid.NewGuid(), RequestStatus.InProgress, Today));
        }

        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : MediatR.INotification =>
            Task.CompletedTask;
    }
}
