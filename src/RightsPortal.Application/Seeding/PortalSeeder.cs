using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;

namespace RightsPortal.Application.Seeding;

/// <summary>Idempotent seeding: running it again adds only what is missing and never changes what staff edited.</summary>
public static class PortalSeeder
{
    public static async Task SeedOrganisationsAsync(PortalDb db, CancellationToken ct = default, TimeProvider? clock = null)
    {
        foreach (var seed in DemoOrganisations.All())
        {
            var existing = await db.Organisations.Include(o => o.DataCategories).Include(o => o.Services)
                .Include(o => o.SchoolTerms).Include(o => o.InsetDays).Include(o => o.RetentionRules).AsSplitQuery()
                .SingleOrDefaultAsync(o => o.Code == seed.Code, ct);
            if (existing is null)
            {
                seed.Id = Guid.NewGuid();
                db.Organisations.Add(seed);
                continue;
            }

            foreach (var category in seed.DataCategories.Where(c => existing.DataCategories.All(e => e.Code != c.Code)))
            {
                existing.DataCategories.Add(category);
            }

            foreach (var service in seed.Services.Where(s => existing.Services.All(e => e.Name != s.Name)))
            {
                existing.Services.Add(service);
            }

            // A school calendar only where the organisation has none yet: never overwrite the school's own.
            if (existing.SchoolTerms.Count == 0 && seed.SchoolTerms.Count > 0)
            {
                existing.SchoolTerms.AddRange(seed.SchoolTerms);
                existing.InsetDays.AddRange(seed.InsetDays);
            }

            // The default schedule only where the organisation has none: never overwrite the DPO's own.
            if (existing.RetentionRules.Count == 0)
            {
                existing.RetentionRules.AddRange(seed.RetentionRules);
            }
        }

        await db.SaveChangesAsync(ct);
        await SeedPrivacyNoticesAsync(db, clock ?? TimeProvider.System, ct);
    }

    /// <summary>
    /// Each organisation's privacy notice as published (<see cref="DemoPrivacyNotices"/>): a version is added only when
    /// the organisation's notice of that name has no version of that name yet, so the DPO's own entries are never touched.
    /// </summary>
    private static async Task SeedPrivacyNoticesAsync(PortalDb db, TimeProvider clock, CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Code }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var organisation in organisations)
        {
            var held = await db.PrivacyNotices.AsNoTracking().Where(n => n.OrganisationId == organisation.Id)
                .Select(n => new { n.Title, n.Version }).ToListAsync(ct);
            foreach (var seed in DemoPrivacyNotices.For(organisation.Code)
                         .Where(v => !held.Any(h => h.Title == v.Title && h.Version == v.Version)))
            {
                seed.Id = Guid.NewGuid();
                seed.OrganisationId = organisation.Id;
                seed.RecordedAt = now;
                seed.RecordedBy = Features.Oversight.PrivacyNoticeOrder.FromPublishedNotice;
                db.PrivacyNotices.Add(seed);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The demo staff password, documented in the README. Development only.</summary>
    public const string DemoPassword = "Demo-Passw0rd!";

    /// <summary>
    /// Demo sign-ins: an administrator, and a caseworker, DPO and service contact (for the organisation's first
    /// service) per organisation. Never call in Production.
    /// </summary>
    public static async Task SeedDemoStaffAsync(PortalDb db, UserManager<StaffUser> users, RoleManager<IdentityRole> roles, CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        await EnsureUserAsync(users, "admin@rightsportal.test", "Portal Administrator", null, Roles.Administrator);
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Code).Select(o => new { o.Id, o.Code }).ToListAsync(ct);
        var seeds = DemoOrganisations.All().ToDictionary(o => o.Code, o => o.Services.Select(s => s.Name).ToList());
        foreach (var org in organisations)
        {
            var code = org.Code.ToLowerInvariant();
            await EnsureUserAsync(users, $"caseworker.{code}@rightsportal.test", $"Caseworker ({org.Code})", org.Id, Roles.Caseworker);
            await EnsureUserAsync(users, $"dpo.{code}@rightsportal.test", $"Data Protection Officer ({org.Code})", org.Id, Roles.Dpo);

            // The first service as the organisation lists it (the database keeps no order, so the seed's list decides).
            var services = await db.OrganisationServices.AsNoTracking().Where(s => s.OrganisationId == org.Id).Select(s => s.Name).ToListAsync(ct);
            var first = seeds.GetValueOrDefault(org.Code)?.FirstOrDefault(services.Contains) ?? services.Order(StringComparer.Ordinal).FirstOrDefault();
            if (first is not null)
            {
                await EnsureUserAsync(users, $"service.{code}@rightsportal.test", $"{first} ({org.Code})", org.Id, Roles.ServiceContact, first);
            }
        }
    }

    private static async Task EnsureUserAsync(UserManager<StaffUser> users, string email, string name, Guid? organisationId, string role, string? serviceName = null)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, OrganisationId = organisationId, ServiceName = serviceName };
        Check(await users.CreateAsync(user, DemoPassword));
        Check(await users.AddToRoleAsync(user, role));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding demo staff failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
