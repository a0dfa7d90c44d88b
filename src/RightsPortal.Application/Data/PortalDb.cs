using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Organisations;
using RightsPortal.Domain.Requests;
using RightsPortal.Domain.Retention;

namespace RightsPortal.Application.Data;

public sealed class PortalDb(DbContextOptions<PortalDb> options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<DataCategory> DataCategories => Set<DataCategory>();
    public DbSet<OrganisationService> OrganisationServices => Set<OrganisationService>();
    public DbSet<RightsRequest> Requests => Set<RightsRequest>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<PublishedBankHoliday> PublishedBankHolidays => Set<PublishedBankHoliday>();
    public DbSet<SchoolTerm> SchoolTerms => Set<SchoolTerm>();
    public DbSet<InsetDay> InsetDays => Set<InsetDay>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<RetentionRule> RetentionRules => Set<RetentionRule>();
    public DbSet<Mail.OutboxMessage> Outbox => Set<Mail.OutboxMessage>();
    public DbSet<Families.FamilySignInCode> FamilySignInCodes => Set<Families.FamilySignInCode>();
    public DbSet<Files.StoredFile> Files => Set<Files.StoredFile>();
    public DbSet<Mail.MailTemplate> MailTemplates => Set<Mail.MailTemplate>();
    public DbSet<Oversight.StaffReminder> StaffReminders => Set<Oversight.StaffReminder>();
    public DbSet<Oversight.AuditChainCheck> AuditChainChecks => Set<Oversight.AuditChainCheck>();
    public DbSet<PrivacyNoticeVersion> PrivacyNotices => Set<PrivacyNoticeVersion>();
    public DbSet<Domain.Retention.LegalHold> LegalHolds => Set<Domain.Retention.LegalHold>();
    public DbSet<RetentionReview> RetentionReviews => Set<RetentionReview>();
    public DbSet<RetentionRuleChange> RetentionRuleChanges => Set<RetentionRuleChange>();
    public DbSet<Files.PendingDeletion> PendingDeletions => Set<Files.PendingDeletion>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks so "newest first" works in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<StaffUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.ServiceName).HasMaxLength(200);
            b.HasIndex(u => u.OrganisationId);
        });

        builder.Entity<Organisation>(b =>
        {
            b.HasIndex(o => o.Code).IsUnique();
            b.Property(o => o.Code).HasMaxLength(8);
            b.Property(o => o.Name).HasMaxLength(300);
            b.Property(o => o.RightsPromised).HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Right>).ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<Right>>(
                    (a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, r) => HashCode.Combine(h, r)), v => v.ToList()));
            b.HasMany(o => o.DataCategories).WithOne().HasForeignKey(c => c.OrganisationId);
            b.HasMany(o => o.Services).WithOne().HasForeignKey(s => s.OrganisationId);
            b.HasMany(o => o.SchoolTerms).WithOne().HasForeignKey(t => t.OrganisationId);
            b.HasMany(o => o.InsetDays).WithOne().HasForeignKey(d => d.OrganisationId);
            b.HasMany(o => o.RetentionRules).WithOne().HasForeignKey(r => r.OrganisationId);
        });

        builder.Entity<RetentionRule>(b =>
        {
            b.HasIndex(r => r.OrganisationId);
            b.Property(r => r.RecordType).HasMaxLength(200);
            b.Property(r => r.CategoryCodes).HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<string>>(
                    (a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList()));
        });

        builder.Entity<SchoolTerm>(b =>
        {
            b.HasIndex(t => new { t.OrganisationId, t.StartsOn });
            b.Property(t => t.Name).HasMaxLength(100);
        });

        builder.Entity<InsetDay>(b => b.HasIndex(d => new { d.OrganisationId, d.Date }).IsUnique());

        builder.Entity<PublishedBankHoliday>(b =>
        {
            b.HasIndex(h => new { h.Region, h.Date }).IsUnique();
            b.Property(h => h.Title).HasMaxLength(200);
        });

        builder.Entity<DataCategory>(b =>
        {
            b.HasIndex(c => new { c.OrganisationId, c.Code }).IsUnique();
            b.Property(c => c.Code).HasMaxLength(60);
        });

        builder.Entity<RightsRequest>(b =>
        {
            b.ToTable("Requests");
            b.HasIndex(r => new { r.OrganisationId, r.Reference }).IsUnique();
            b.HasIndex(r => r.SubmissionId).IsUnique();
            b.HasIndex(r => new { r.OrganisationId, r.Status, r.DueOn });
            // The DPO's figures (GetDashboardFigures) read these two without touching the table: each holds every
            // column its query needs, so a year of an organisation's requests is one ordered pass over the index. The
            // second is partial (finished cases only) so the planner never prefers it for lists of open cases.
            b.HasIndex(r => new { r.OrganisationId, r.ReceivedOn, r.Right, r.Channel });
            b.HasIndex(r => new
            {
                r.OrganisationId, r.ClosedOn, r.ResponseSentOn, r.Status, r.Right, r.Outcome, r.Decision, r.ExemptionsApplied,
                r.DueOn, r.InternalTargetOn, r.ReceivedOn, r.Extended, r.PausedDays,
            }, "IX_Requests_Finished").HasFilter("\"ClosedOn\" IS NOT NULL"); // partial: only finished cases, and never
            // chosen for open-case lists (queue, at a glance), which have their (OrganisationId, Status, DueOn) index
            b.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            b.Property(r => r.Reference).HasMaxLength(20);
            b.Property(r => r.RequesterName).HasMaxLength(200);
            b.Property(r => r.RequesterEmail).HasMaxLength(254);
            b.Property(r => r.SubjectName).HasMaxLength(200);
            b.Property(r => r.SubjectSetting).HasMaxLength(200);
            b.Property(r => r.Details).HasMaxLength(4000);
            b.Property(r => r.DataCategories).HasField("dataCategories");
            b.Property(r => r.Version).IsConcurrencyToken();
            b.Property(r => r.ExtensionReason).HasMaxLength(2000);
            b.Ignore(r => r.OpenPause);
            OwnsList(b, r => r.Pauses, "ClarificationPauses", "pauses", p => p.Property(x => x.Reason).HasMaxLength(2000));
            OwnsList(b, r => r.Events, "CaseEvents", "events", e =>
            {
                e.Property(x => x.ActorId).HasMaxLength(450);
                e.Property(x => x.Kind).HasMaxLength(100);
                e.Property(x => x.Detail).HasMaxLength(8000);
            });
            OwnsList(b, r => r.SearchTasks, "SearchTasks", "searchTasks", t =>
            {
                t.Property(x => x.ServiceName).HasMaxLength(200);
                t.Property(x => x.Instructions).HasMaxLength(2000);
                t.Property(x => x.Findings).HasMaxLength(4000);
                t.HasIndex(x => new { x.CompletedOn, x.DueOn });
                t.HasIndex(x => new { x.OrganisationId, x.AskedOn, x.ServiceName, x.CompletedOn, x.DueOn }); // the DPO's figures: searches by service over a period
            });
            b.Property(r => r.IdentityDecisionReason).HasMaxLength(2000);
            b.Property(r => r.ResponseSummary).HasMaxLength(8000);
            b.Property(r => r.RefusalReasons).HasMaxLength(9000); // up to 8000 of reasons plus the T8 rights text
            b.Property(r => r.WithdrawalReason).HasMaxLength(2000);
            b.Property(r => r.AdjustmentNotes).HasMaxLength(2000);
            b.Ignore(r => r.DueAfterHearing);
            b.Ignore(r => r.FirstMonthEnds);
            OwnsList(b, r => r.Authorities, "AuthorityRecords", "authorities", a => a.Property(x => x.Detail).HasMaxLength(2000));
            OwnsList(b, r => r.Answers, "RequestAnswers", "answers", a =>
            {
                a.Property(x => x.Question).HasMaxLength(300);
                a.Property(x => x.Answer).HasMaxLength(4000);
            });
            OwnsList(b, r => r.Messages, "CaseMessages", "messages", m =>
            {
                m.Property(x => x.AuthorId).HasMaxLength(450);
                m.Property(x => x.Text).HasMaxLength(4000);
            });
            OwnsList(b, r => r.Disclosures, "DisclosureItems", "disclosures", d =>
            {
                d.Property(x => x.Description).HasMaxLength(1000);
                d.Property(x => x.Reason).HasMaxLength(4000);
            });
            b.Property(r => r.FeeAmount).HasPrecision(8, 2);
            b.Property(r => r.FeeReason).HasMaxLength(2000);
            b.Property(r => r.DecisionReasons).HasMaxLength(8000);
            b.Property(r => r.RecipientsTold).HasMaxLength(2000);
            b.Property(r => r.ErasureBlockedBy).HasMaxLength(4000);
            b.Property(r => r.ExemptionsApplied).HasMaxLength(400);
            b.Property(r => r.AssignedTo).HasMaxLength(450);
            b.Property(r => r.TransferredToReference).HasMaxLength(20);
            b.Property(r => r.TransferredFromReference).HasMaxLength(20);
            b.Property(r => r.TransferNotice).HasMaxLength(4000);
            b.Property(r => r.DestroyedUnderRule).HasMaxLength(500);
            b.Property(r => r.DestructionApprovedBy).HasMaxLength(200);
            b.HasIndex(r => r.FamilyGroupId);
            b.HasIndex(r => new { r.OrganisationId, r.HearingOn }); // retention: a hearing not yet past holds the child's records
        });

        builder.Entity<ReferenceCounter>(b => b.HasKey(c => new { c.OrganisationId, c.Year }));

        builder.Entity<Mail.OutboxMessage>(b =>
        {
            b.ToTable("Outbox");
            b.HasIndex(m => m.MessageId).IsUnique();
            b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
            b.HasIndex(m => m.RequestId);
            b.Property(m => m.MessageId).HasMaxLength(80);
            b.Property(m => m.Kind).HasMaxLength(60);
            b.Property(m => m.To).HasMaxLength(254);
            b.Property(m => m.Subject).HasMaxLength(300);
            b.Property(m => m.Body).HasMaxLength(20000);
            b.Property(m => m.LastError).HasMaxLength(500);
        });

        builder.Entity<Mail.MailTemplate>(b =>
        {
            b.HasIndex(t => new { t.OrganisationId, t.Kind }).IsUnique();
            b.Property(t => t.Kind).HasMaxLength(60);
            b.Property(t => t.Subject).HasMaxLength(300);
            b.Property(t => t.Body).HasMaxLength(10000);
            b.Property(t => t.UpdatedBy).HasMaxLength(450);
        });

        builder.Entity<Oversight.StaffReminder>(b =>
        {
            b.HasIndex(r => new { r.RecipientUserId, r.Key }).IsUnique();
            b.HasIndex(r => new { r.RecipientUserId, r.ReadAt, r.CreatedAt });
            b.HasIndex(r => new { r.OrganisationId, r.CreatedAt });
            b.Property(r => r.RecipientUserId).HasMaxLength(450);
            b.Property(r => r.Key).HasMaxLength(200);
            b.Property(r => r.Kind).HasMaxLength(60);
            b.Property(r => r.Reference).HasMaxLength(40);
            b.Property(r => r.Text).HasMaxLength(500);
        });

        builder.Entity<Domain.Retention.LegalHold>(b =>
        {
            b.HasIndex(h => new { h.OrganisationId, h.RequestId });
            b.HasIndex(h => new { h.OrganisationId, h.ChildNameKey, h.ChildDateOfBirth });
            b.Property(h => h.ChildName).HasMaxLength(200);
            b.Property(h => h.ChildNameKey).HasMaxLength(200);
            b.Property(h => h.Reason).HasMaxLength(Domain.Retention.LegalHold.ReasonLimit);
            b.Property(h => h.ReleaseReason).HasMaxLength(Domain.Retention.LegalHold.ReasonLimit);
            b.Property(h => h.PlacedBy).HasMaxLength(450);
            b.Property(h => h.ReleasedBy).HasMaxLength(450);
            b.Property(h => h.ReleasedAt).IsConcurrencyToken(); // released once: a second release of the same hold fails to save
            b.Ignore(h => h.IsInForce);
            b.Ignore(h => h.PlacedByName);
            b.Ignore(h => h.Child);
        });

        builder.Entity<RetentionReview>(b =>
        {
            b.HasIndex(r => new { r.OrganisationId, r.RequestId });
            b.HasIndex(r => new { r.OrganisationId, r.DecidedAt });
            b.Property(r => r.Reference).HasMaxLength(20);
            b.Property(r => r.Reason).HasMaxLength(RetentionReview.ReasonLimit);
            b.Property(r => r.RuleApplied).HasMaxLength(500);
            b.Property(r => r.DecidedBy).HasMaxLength(200);
        });

        builder.Entity<Files.PendingDeletion>(b => b.Property(d => d.Name).HasMaxLength(100));

        builder.Entity<RetentionRuleChange>(b =>
        {
            b.HasIndex(c => new { c.OrganisationId, c.ChangedAt });
            b.Property(c => c.RecordType).HasMaxLength(200);
            b.Property(c => c.Before).HasMaxLength(500);
            b.Property(c => c.After).HasMaxLength(500);
            b.Property(c => c.Reason).HasMaxLength(RetentionRuleChange.ReasonLimit);
            b.Property(c => c.ChangedBy).HasMaxLength(200);
        });

        builder.Entity<Oversight.AuditChainCheck>(b =>
        {
            b.HasIndex(c => c.CheckedAt);
            b.Property(c => c.Trigger).HasMaxLength(20);
            b.Property(c => c.CheckedBy).HasMaxLength(450);
            b.Ignore(c => c.Intact);
        });

        builder.Entity<PrivacyNoticeVersion>(b =>
        {
            b.ToTable("PrivacyNotices");
            b.HasIndex(n => new { n.OrganisationId, n.Title, n.RecordedAt });
            b.Property(n => n.Title).HasMaxLength(200);
            b.Property(n => n.Version).HasMaxLength(40);
            b.Property(n => n.Author).HasMaxLength(200);
            b.Property(n => n.ApprovedBy).HasMaxLength(200);
            b.Property(n => n.Changes).HasMaxLength(4000);
            b.Property(n => n.Url).HasMaxLength(500);
            b.Property(n => n.RecordedBy).HasMaxLength(450);
        });

        builder.Entity<Files.StoredFile>(b =>
        {
            b.HasIndex(f => f.RequestId);
            b.HasOne<RightsRequest>().WithMany().HasForeignKey(f => f.RequestId).OnDelete(DeleteBehavior.Restrict);
            b.Property(f => f.FileName).HasMaxLength(200);
            b.Property(f => f.ContentType).HasMaxLength(100);
            b.Property(f => f.StoredName).HasMaxLength(100);
            b.Property(f => f.Sha256).HasMaxLength(64);
            b.Property(f => f.UploadedBy).HasMaxLength(450);
        });

        builder.Entity<Families.FamilySignInCode>(b =>
        {
            b.HasIndex(c => new { c.EmailHash, c.CreatedAt });
            b.Property(c => c.EmailHash).HasMaxLength(64);
            b.Property(c => c.CodeHash).HasMaxLength(128);
            b.Property(c => c.Salt).HasMaxLength(64);
        });

        builder.Entity<ApiKey>(b =>
        {
            b.HasIndex(k => k.Prefix).IsUnique();
            b.HasOne<Organisation>().WithMany().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            b.Property(k => k.Name).HasMaxLength(200);
            b.Property(k => k.Prefix).HasMaxLength(12);
            b.Property(k => k.Hash).HasMaxLength(64);
            b.Property(k => k.IssuedBy).HasMaxLength(450);
        });

        builder.Entity<AuditEvent>(b =>
        {
            b.HasIndex(e => e.RequestId);
            b.HasIndex(e => e.At);
            b.HasIndex(e => new { e.OrganisationId, e.At });
            b.HasIndex(e => new { e.OrganisationId, e.Action, e.At }); // one action over a period (internal reviews started)
            b.HasIndex(e => e.ActorId);
            b.Property(e => e.Action).HasMaxLength(120);
            b.Property(e => e.Outcome).HasMaxLength(20);
            b.Property(e => e.Hash).HasMaxLength(64);
            b.Property(e => e.PreviousHash).HasMaxLength(64);
        });
    }

    /// <summary>
    /// A list the request owns (pauses, timeline, searches, authority, records): its own table keyed by the item's id,
    /// read and written through the aggregate's backing field so nothing outside the domain can add to it.
    /// </summary>
    private static void OwnsList<T>(
        EntityTypeBuilder<RightsRequest> request,
        Expression<Func<RightsRequest, IEnumerable<T>?>> list,
        string table,
        string field,
        Action<OwnedNavigationBuilder<RightsRequest, T>> configure)
        where T : class
    {
        request.OwnsMany(list, item =>
        {
            item.ToTable(table);
            item.WithOwner().HasForeignKey("RequestId");
            item.HasKey("Id");
            item.Property<Guid>("Id").ValueGeneratedNever();
            configure(item);
        });
        request.Navigation(list).HasField(field).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
