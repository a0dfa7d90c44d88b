using RightsPortal.Domain.Clock;

namespace RightsPortal.Domain.Requests;

/// <summary>One answer the family gave when asking (what is wrong and what it should say, which records, why...).</summary>
public sealed class RequestAnswer
{
    private RequestAnswer()
    {
        // For the database mapper.
        Question = Answer = "";
    }

    internal RequestAnswer(int sequence, string question, string answer)
    {
        Id = Guid.NewGuid();
        Sequence = sequence;
        Question = question;
        Answer = answer;
    }

    public Guid Id { get; private set; }
    public int Sequence { get; private set; }
    public string Question { get; private set; }
    public string Answer { get; private set; }
}

/// <summary>A message between the family and the information governance team, kept on the case.</summary>
public sealed class CaseMessage
{
    private CaseMessage()
    {
        // For the database mapper.
        AuthorId = Text = "";
    }

    internal CaseMessage(int sequence, DateTimeOffset at, bool fromFamily, string authorId, string text)
    {
        Id = Guid.NewGuid();
        Sequence = sequence;
        At = at;
        FromFamily = fromFamily;
        AuthorId = authorId;
        Text = text;
    }

    public Guid Id { get; private set; }
    public int Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public bool FromFamily { get; private set; }

    /// <summary>"family", or the member of staff's id.</summary>
    public string AuthorId { get; private set; }
    public string Text { get; private set; }
}

/// <summary>What an uploaded file is for.</summary>
public enum UploadKind
{
    /// <summary>Proof of identity asked for (T2: its arrival restarts the clock).</summary>
    Identity,

    /// <summary>Evidence of authority to act (parental responsibility, signed authority).</summary>
    Authority,

    /// <summary>Anything else that supports the request.</summary>
    Evidence,

    /// <summary>A response document the team sends the family.</summary>
    Response,
}

public sealed partial class RightsRequest
{
    /// <summary>Longest message either side may send.</summary>
    public const int MessageLimit = 4000;

    private List<RequestAnswer> answers = [];
    private List<CaseMessage> messages = [];

    /// <summary>What the family told us when asking, question by question.</summary>
    public IReadOnlyList<RequestAnswer> Answers => answers;

    /// <summary>Messages between the family and the team, oldest first.</summary>
    public IReadOnlyList<CaseMessage> Messages => messages;

    /// <summary>Record the family's answers to the right's own questions (called once, as the request arrives).</summary>
    public void RecordAnswers(IEnumerable<(string Question, string Answer)> given)
    {
        if (answers.Count > 0) throw new DomainRuleException("The family's answers are already recorded.");
        foreach (var (question, answer) in given.Where(a => !string.IsNullOrWhiteSpace(a.Answer)))
        {
            answers.Add(new RequestAnswer(answers.Count + 1, question.Trim(), answer.Trim()));
        }
    }

    /// <summary>
    /// The family writes to the team. While the clock is paused for clarification, their message is the answer: the
    /// clock resumes from the day it arrived (T6).
    /// </summary>
    public CaseMessage MessageFromFamily(string text, CaseContext ctx)
    {
        if (Status.IsFinished()) throw new DomainRuleException("This request is finished. To ask about it again, make a new request or complain about how it was handled.");
        var body = MessageText(text);
        var message = AddMessage(true, "family", body, ctx);
        if (Status == RequestStatus.ClarificationRequested)
        {
            ClarificationAnswered(ctx.Today, ctx);
        }

        return message;
    }

    /// <summary>The team writes to the family (the family is emailed that there is a message).</summary>
    public CaseMessage MessageFromTeam(string text, CaseContext ctx)
    {
        var body = MessageText(text);
        return AddMessage(false, ctx.ActorId, body, ctx);
    }

    /// <summary>
    /// A file arrived for this request. Proof of identity or authority that was asked for restarts the clock from
    /// the day it arrived (T2).
    /// </summary>
    public void RecordUpload(UploadKind kind, string fileName, bool fromFamily, CaseContext ctx)
    {
        if (Status.IsFinished() && kind != UploadKind.Response) throw new DomainRuleException("This request is finished, so no more files can be added.");
        var name = Reason(fileName, "The file needs a name.");
        var who = fromFamily ? "The family" : "The team";
        Record(ctx, "File added", $"{who} added {UploadName(kind)}: {name}.");
        if (kind is UploadKind.Identity or UploadKind.Authority && Status == RequestStatus.AwaitingIdentity)
        {
            RecordIdentityReceived(ctx.Today, ctx);
        }
    }

    public static string UploadName(UploadKind kind) => kind switch
    {
        UploadKind.Identity => "proof of identity",
        UploadKind.Authority => "evidence of authority to act",
        UploadKind.Response => "a response document",
        _ => "supporting evidence",
    };

    private CaseMessage AddMessage(bool fromFamily, string authorId, string body, CaseContext ctx)
    {
        var message = new CaseMessage(messages.Count == 0 ? 1 : messages.Max(m => m.Sequence) + 1, ctx.At, fromFamily, authorId, body);
        messages.Add(message);
        Record(ctx, fromFamily ? "Message from the family" : "Message to the family", body.Length > 300 ? body[..297] + "..." : body);
        return message;
    }

    private static string MessageText(string? text)
    {
        var body = Reason(text, "Write your message.");
        return body.Length > MessageLimit ? throw new DomainRuleException($"A message can be up to {MessageLimit} characters.") : body;
    }
}
