using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Features.Intake;
using RightsPortal.Application.Files;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Organisations;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Public;

/// <summary>
/// A family asks for any right on the public form (see the records, correct, delete, limit, object, transfer, a
/// computer's decision, a parent's educational record, a complaint): the shared details, a parent's declaration of
/// parental responsibility, the right's own questions and, from someone acting for the family, optionally the family's
/// signed authority, stored with the request in the same save.
/// </summary>
[PublicRequest]
public sealed record SubmitRightsRequestCommand(
    string OrganisationCode,
    Guid SubmissionId,
    Right Right,
    RequesterRole? RequesterRole,
    string? RequesterName,
    string? RequesterEmail,
    string? SubjectName,
    DateOnly? SubjectDateOfBirth,
    string? SubjectSetting,
    IReadOnlyList<string> DataCategories,
    IReadOnlyList<string?> Answers,
    bool ParentalResponsibilityDeclared,
    AttachedFile? SignedAuthority = null) : ICommand<SubmissionReceipt>, IRequestInput
{
    // Access's one optional question is stored as the request's details; it is checked with the answers.
    string? IRequestInput.Details => null;
}

/// <summary>
/// A file sent with the form. <see cref="Content"/> holds at most <see cref="UploadRules.MaxBytes"/> + 1 bytes: the
/// form reads no more than that, so a longer array means the file was too big.
/// </summary>
public sealed record AttachedFile(string? FileName, byte[] Content)
{
    // Never the bytes (or the name) in a log line.
    public override string ToString() => $"AttachedFile {{ Size = {Content.Length} }}";
}

/// <summary>One of a right's own questions; a choice question offers fixed answers.</summary>
public sealed record RightQuestion(string Question, string Hint, bool Required, IReadOnlyList<string> Choices)
{
    public bool IsChoice => Choices.Count > 0;
}

/// <summary>What the family is asked for each right, in the order the form and the case page show it.</summary>
public static class RightQuestions
{
    public const int AnswerLimit = 4000;

    /// <summary>The four grounds for restriction (Art 18).</summary>
    public static readonly IReadOnlyList<string> RestrictionGrounds =
    [
        "You think the records are wrong and want them limited while they are checked",
        "The records are being used unlawfully, but you do not want them deleted",
        "You need the records kept for a legal claim",
        "You have objected to how they are used and want them limited while that is decided",
    ];

    /// <summary>Educational record: look at it or have a copy.</summary>
    public static readonly IReadOnlyList<string> EducationalRecordChoices = ["To look at the record", "A copy of the record"];

    private static RightQuestion Text(string question, string hint = "", bool required = true) => new(question, hint, required, []);

    public static IReadOnlyList<RightQuestion> For(Right right) => right switch
    {
        Right.Access =>
        [
            Text("Anything that would help us find the records (optional)",
                $"For example, dates, names of schools or teams, or a particular report. Up to {AnswerLimit} characters.", required: false),
        ],
        Right.Rectification => [Text("What is wrong?", "Say which record and what it says."), Text("What should it say?")],
        Right.Erasure => [Text("Which records do you want deleted?"), Text("Why?", "For example, they are no longer needed, or they were never needed.")],
        Right.Restriction =>
        [
            new("Why do you want us to limit how we use the records?", "While records are limited we only store them.", true, RestrictionGrounds),
            Text("Tell us more (optional)", "", required: false),
        ],
        Right.Objection => [Text("What do you object to?"), Text("Why?", "Say what it is about your situation that makes it wrong for you.")],
        Right.Portability => [Text("Which records, and where should they go?", "For example, a copy in a common computer format, or sent to another school or council.")],
        Right.AutomatedDecision =>
        [
            Text("Which decision?", "For example, the date of the letter and what it decided."),
            Text("What do you want: a person to review it, to give your views, to contest it?"),
        ],
        Right.EducationalRecord => [new("What do you want: to look at the record, or a copy?", "Looking at it is free. A copy may cost no more than it costs to make.", true, EducationalRecordChoices)],
        Right.Complaint => [Text("What went wrong?"), Text("What would put it right?")],
        _ => [],
    };

    /// <summary>The property name an answer's error is reported under (the form maps it to its field).</summary>
    public static string AnswerField(int index) => $"{nameof(SubmitRightsRequestCommand.Answers)}[{index}]";

    /// <summary>
    /// The rights a family can ask this organisation for online: what its notice promises, access and a complaint
    /// always (everyone has them, and the access form has always taken them), and the parent's educational-record route
    /// only where the law gives it (maintained schools).
    /// </summary>
    public static IReadOnlyList<Right> Offered(OrganisationKind kind, IEnumerable<Right> promised)
    {
        var offered = promised.Append(Right.Access).Append(Right.Complaint).ToHashSet();
        if (kind == OrganisationKind.MaintainedSchool)
        {
            offered.Add(Right.EducationalRecord);
        }
        else
        {
            offered.Remove(Right.EducationalRecord);
        }

        return [.. offered.Order()];
    }

    /// <summary>The address part for each right; "see" is the access form.</summary>
    public static string Slug(Right right) => right switch
    {
        Right.Access => "see",
        Right.Rectification => "correct",
        Right.Erasure => "delete",
        Right.Restriction => "limit",
        Right.Objection => "object",
        Right.Portability => "transfer",
        Right.AutomatedDecision => "automated-decision",
        Right.EducationalRecord => "educational-record",
        Right.Complaint => "complain",
        _ => right.ToString().ToLowerInvariant(),
    };

    public static Right? FromSlug(string? slug) =>
        Enum.GetValues<Right>().Cast<Right?>().FirstOrDefault(r => string.Equals(Slug(r!.Value), slug, StringComparison.OrdinalIgnoreCase));

    /// <summary>One line a family understands, under each choice.</summary>
    public static string Explain(Right right) => right switch
    {
        Right.Access => "Get a copy of the records held about the child or young person.",
        Right.Rectification => "Ask for something that is wrong or incomplete to be put right.",
        Right.Erasure => "Ask for records to be deleted. Many SEND and safeguarding records must be kept by law for a set time.",
        Right.Restriction => "Ask for records to be stored but not used while something is sorted out.",
        Right.Objection => "Ask for records to stop being used in a particular way.",
        Right.Portability => "Ask for records in a form a computer can read, or sent to another organisation.",
        Right.AutomatedDecision => "Ask for a person to look again at a decision a computer made.",
        Right.EducationalRecord => "For parents: look at or get a copy of the child's school record, within 15 school days.",
        Right.Complaint => "Tell the organisation something went wrong with how it handled records. They must reply within 30 days.",
        _ => "",
    };
}

public sealed class SubmitRightsRequestValidator : AbstractValidator<SubmitRightsRequestCommand>
{
    public SubmitRightsRequestValidator(TimeProvider clock)
    {
        RuleFor(c => c.SubmissionId).NotEmpty().WithMessage("The form has expired. Go back to the start and fill it in again.");
        RuleFor(c => c.Right).IsInEnum().WithMessage("Select what you want to ask for");
        Include(new RequestInputValidator(clock));

        RuleFor(c => c.RequesterRole)
            .Equal(RequesterRole.ParentCarer).When(c => c.Right == Right.EducationalRecord && c.RequesterRole is not null)
            .WithMessage("Only a parent or carer can ask for a child's educational record. Children and young people can ask to see their records instead");

        RuleFor(c => c.ParentalResponsibilityDeclared)
            .Equal(true).When(c => c.RequesterRole == RequesterRole.ParentCarer)
            .WithMessage("Confirm that you have parental responsibility for this child, or care for them");

        RuleFor(c => c.SignedAuthority)
            .Must((c, _) => c.RequesterRole == RequesterRole.Representative)
            .When(c => c.SignedAuthority is not null && c.RequesterRole is not null)
            .WithMessage("Only someone acting for the family sends a signed authority with the request");
        RuleFor(c => c.SignedAuthority!.Content).Cascade(CascadeMode.Stop)
            .Must(c => c.Length > 0).WithMessage(UploadRules.Empty)
            .Must(c => c.Length <= UploadRules.MaxBytes).WithMessage(UploadRules.TooBig)
            .Must(c => UploadRules.SniffContentType(c) is not null).WithMessage(UploadRules.WrongType)
            .OverridePropertyName(nameof(SubmitRightsRequestCommand.SignedAuthority))
            .When(c => c.SignedAuthority is not null);

        RuleFor(c => c.Answers).NotNull().Custom((answers, context) =>
        {
            var questions = RightQuestions.For(context.InstanceToValidate.Right);
            if (answers is null) return;
            if (answers.Count > questions.Count)
            {
                context.AddFailure(nameof(SubmitRightsRequestCommand.Answers), "Answer only the questions on the form");
                return;
            }

            for (var i = 0; i < questions.Count; i++)
            {
                var question = questions[i];
                var answer = i < answers.Count ? answers[i] : null;
                var field = RightQuestions.AnswerField(i);
                if (string.IsNullOrWhiteSpace(answer))
                {
                    if (question.Required)
                    {
                        context.AddFailure(field, question.IsChoice ? $"Select an answer to \"{question.Question}\"" : $"Answer \"{question.Question}\"");
                    }
                }
                else if (question.IsChoice && !question.Choices.Contains(answer.Trim(), StringComparer.Ordinal))
                {
                    context.AddFailure(field, $"Select an answer to \"{question.Question}\" from the list");
                }
                else if (answer.Length > RightQuestions.AnswerLimit)
                {
                    context.AddFailure(field, $"Your answer must be {RightQuestions.AnswerLimit} characters or fewer");
                }
                else if (answer.IndexOfAny(['<', '>']) >= 0 || answer.Any(ch => char.IsControl(ch) && ch is not ('\r' or '\n' or '\t')))
                {
                    context.AddFailure(field, "Your answer must not contain < or > or control characters");
                }
            }
        });
    }
}

internal sealed class SubmitRightsRequestHandler(IDbContextFactory<PortalDb> dbs, RequestIntake intake, TimeProvider clock)
    : IRequestHandler<SubmitRightsRequestCommand, SubmissionReceipt>
{
    public async Task<SubmissionReceipt> Handle(SubmitRightsRequestCommand cmd, CancellationToken cancellationToken)
    {
        var code = cmd.OrganisationCode.ToUpperInvariant();
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            var organisation = await db.Organisations.AsNoTracking().Where(o => o.Code == code)
                .Select(o => new { o.Name, o.Kind, o.RightsPromised })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("organisation");
            if (!RightQuestions.Offered(organisation.Kind, organisation.RightsPromised).Contains(cmd.Right))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(cmd.Right),
                    cmd.Right == Right.EducationalRecord
                        ? $"Only maintained schools have to show parents a child's educational record. Ask {organisation.Name} to see the records instead."
                        : $"{organisation.Name} does not offer this online. Contact them to ask.")]);
            }
        }

        var questions = RightQuestions.For(cmd.Right);
        var answers = questions
            .Select((q, i) => (q.Question, Answer: i < cmd.Answers.Count ? cmd.Answers[i]?.Trim() ?? "" : ""))
            .ToList();
        var parties = new RequestParties(cmd.RequesterRole!.Value, cmd.RequesterName!.Trim(), cmd.RequesterEmail!.Trim(), cmd.SubjectName!.Trim(),
            cmd.SubjectDateOfBirth!.Value, RequestIntake.Optional(cmd.SubjectSetting));
        return await intake.ReceiveAsync(o => o.Code == code, new IntakeDetails(
            cmd.SubmissionId,
            cmd.Right,
            Channel.WebForm,
            clock.UkToday(),
            parties,
            cmd.DataCategories,
            // An access request's one question ("anything that would help us find the records") is its details, as
            // when a caseworker logs one; the other rights keep their questions and answers.
            Details: cmd.Right == Right.Access ? RequestIntake.Optional(answers.FirstOrDefault().Answer) : null,
            RecordedBy: null)
        {
            Answers = cmd.Right == Right.Access ? null : answers,
            ParentalResponsibilityDeclared = cmd.RequesterRole == RequesterRole.ParentCarer && cmd.ParentalResponsibilityDeclared,
            Upload = cmd.SignedAuthority is { } file ? new IntakeUpload(UploadKind.Authority, file.FileName, file.Content) : null,
        }, cancellationToken);
    }
}
