using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;

namespace RightsPortal.Application.Mail;

/// <summary>Fills a template's placeholders with plain-text values, in one pass.</summary>
public static partial class MailTemplateRenderer
{
    /// <summary>The outbox's subject column; a rendered subject is one line and never longer.</summary>
    public const int MaxRenderedSubjectLength = 300;

    /// <summary>
    /// Each known placeholder becomes its value; anything else stays as written. Only the kind's allowed placeholders
    /// are filled, whatever the caller passes, and a value is never read again for placeholders (a reason that happens
    /// to contain "{code}" stays as the caseworker wrote it). The subject is one line, so a value cannot add a header.
    /// </summary>
    public static MailContent Render(MailKindDefinition kind, MailContent template, IReadOnlyDictionary<string, string> values)
    {
        string Fill(Match m) => kind.Allows(m.Value) && values.TryGetValue(m.Value, out var value) ? value : m.Value;
        var subject = Placeholder().Replace(template.Subject, Fill);
        subject = LineBreaks().Replace(subject, " ").Trim();
        if (subject.Length > MaxRenderedSubjectLength)
        {
            subject = subject[..(MaxRenderedSubjectLength - 1)] + "…";
        }

        return new MailContent(subject, Placeholder().Replace(template.Body, Fill));
    }

    [GeneratedRegex(@"\{[a-z][a-z0-9-]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\r\n\t]+")]
    private static partial Regex LineBreaks();
}

/// <summary>A problem with an organisation's wording, and the field it belongs to (Subject, Body or Kind).</summary>
public sealed record MailTemplateProblem(string Field, string Message);

/// <summary>What an organisation's own wording must satisfy before it is saved (and before it is used).</summary>
public static partial class MailTemplateRules
{
    /// <summary>Subjects show in a list of emails and on lock screens: short, one line.</summary>
    public const int MaxSubjectLength = 150;

    /// <summary>Leaves room for the longest values (a reason of 2,000 characters) within the outbox's body column.</summary>
    public const int MaxBodyLength = 8000;

    public static IReadOnlyList<MailTemplateProblem> Check(string? kind, string? subject, string? body)
    {
        var problems = new List<MailTemplateProblem>();
        var definition = MailKindCatalogue.Find(kind);
        if (definition is null)
        {
            problems.Add(new("Kind", "Choose a kind of email from the list."));
            return problems;
        }

        if (string.IsNullOrWhiteSpace(subject))
        {
            problems.Add(new("Subject", "Write a subject."));
        }
        else
        {
            if (subject.Length > MaxSubjectLength)
                problems.Add(new("Subject", $"The subject must be {MaxSubjectLength} characters or fewer (it is {subject.Length})."));
            if (subject.Contains('\n') || subject.Contains('\r'))
                problems.Add(new("Subject", "The subject must be one line."));
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            problems.Add(new("Body", "Write the message."));
        }
        else if (body.Length > MaxBodyLength)
        {
            problems.Add(new("Body", $"The message must be {MaxBodyLength:N0} characters or fewer (it is {body.Length:N0})."));
        }

        var allowed = string.Join(", ", definition.Allowed);
        foreach (var (field, text) in new[] { ("Subject", subject ?? ""), ("Body", body ?? "") })
        {
            foreach (var unknown in AnyBraces().Matches(text).Select(m => m.Value).Where(p => !definition.Allows(p)).Distinct(StringComparer.Ordinal))
            {
                problems.Add(new(field, $"\"{unknown}\" is not allowed in this email. Use only: {allowed}."));
            }
        }

        var both = (subject ?? "") + "\n" + (body ?? "");
        foreach (var required in definition.Required.Where(p => !both.Contains(p, StringComparison.Ordinal)))
        {
            problems.Add(new("Body", $"Include {required}: this email must give {MailPlaceholders.Descriptions[required]}."));
        }

        return problems;
    }

    // Anything that looks like a placeholder, so a misspelt or invented one ("{childname}", "{child name}") is refused.
    [GeneratedRegex(@"\{[^{}\r\n]{1,60}\}")]
    private static partial Regex AnyBraces();
}

/// <summary>
/// The wording one organisation's emails use: its own template for a kind where it has one, the portal's default
/// otherwise. A stored template that no longer passes the rules (edited outside the portal, or rules tightened since)
/// is not used: the default is, so a sign-in code or a link is never missing.
/// </summary>
public sealed class MailTemplateSet
{
    private readonly IReadOnlyDictionary<string, MailContent> custom;

    private MailTemplateSet(IReadOnlyDictionary<string, MailContent> custom) => this.custom = custom;

    /// <summary>The portal's default wording for every kind.</summary>
    public static MailTemplateSet Defaults { get; } = new(new Dictionary<string, MailContent>(StringComparer.Ordinal));

    public static MailTemplateSet From(IEnumerable<(string Kind, string Subject, string Body)> rows)
    {
        var usable = new Dictionary<string, MailContent>(StringComparer.Ordinal);
        foreach (var (kind, subject, body) in rows)
        {
            if (MailTemplateRules.Check(kind, subject, body).Count == 0)
            {
                usable[kind] = new MailContent(subject, body);
            }
        }

        return usable.Count == 0 ? Defaults : new MailTemplateSet(usable);
    }

    /// <summary>One organisation's wording (read in the caller's context, so inside its transaction).</summary>
    public static async Task<MailTemplateSet> LoadAsync(PortalDb db, Guid organisationId, CancellationToken ct)
    {
        var rows = await db.MailTemplates.AsNoTracking()
            .Where(t => t.OrganisationId == organisationId)
            .Select(t => new { t.Kind, t.Subject, t.Body })
            .ToListAsync(ct);
        return From(rows.Select(r => (r.Kind, r.Subject, r.Body)));
    }

    /// <summary>Every organisation's wording for these kinds, by organisation (organisations without any get none).</summary>
    public static async Task<IReadOnlyDictionary<Guid, MailTemplateSet>> LoadAllAsync(PortalDb db, IReadOnlyCollection<string> kinds, CancellationToken ct)
    {
        var rows = await db.MailTemplates.AsNoTracking()
            .Where(t => kinds.Contains(t.Kind))
            .Select(t => new { t.OrganisationId, t.Kind, t.Subject, t.Body })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.OrganisationId)
            .ToDictionary(g => g.Key, g => From(g.Select(r => (r.Kind, r.Subject, r.Body))));
    }

    public bool IsCustomised(string kind) => custom.ContainsKey(kind);

    /// <summary>The wording this organisation uses for the kind: its own, or the default.</summary>
    public MailContent TemplateFor(string kind) => custom.TryGetValue(kind, out var own) ? own : MailKindCatalogue.Get(kind).Default;

    public MailContent Render(string kind, IReadOnlyDictionary<string, string> values) =>
        MailTemplateRenderer.Render(MailKindCatalogue.Get(kind), TemplateFor(kind), values);
}
