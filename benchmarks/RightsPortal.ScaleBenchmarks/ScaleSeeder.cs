using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Seeding;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Organisations;
using RightsPortal.Domain.Requests;

namespace RightsPortal.ScaleBenchmarks;

/// <summary>
/// Fills a fresh portal database with a realistic large history: requests spread over ten years across the three demo
/// organisations, each taken through the real domain model (identity checks, clarification pauses, searches of the
/// organisation's services, extensions, decisions, responses on time and late, withdrawals), so events, search tasks,
/// disclosure lists and clock state are what the portal itself would have written. Two chained audit rows per request
/// (received, finished). Deterministic: the same seed gives the same data.
/// </summary>
internal static class ScaleSeeder
{
    private const int Batch = 2_000;

    public static async Task RunAsync(IServiceProvider services, int count, DateOnly today, TextWriter log)
    {
        var total = Stopwatch.StartNew();
        var dbs = services.GetRequiredService<IDbContextFactory<PortalDb>>();
        await using (var db = await dbs.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            if (await db.Requests.AnyAsync())
            {
                throw new InvalidOperationException("The database already has requests: seed into an empty data folder.");
            }

            await PortalSeeder.SeedOrganisationsAsync(db);
            await using var scope = services.CreateAsyncScope();
            await PortalSeeder.SeedDemoStaffAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>(),
                scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        }

        var clock = services.GetRequiredService<PortalClock>();
        var organisations = new List<OrgData>();
        await using (var db = await dbs.CreateDbContextAsync())
        {
            foreach (var o in await db.Organisations.AsNoTracking().Include(o => o.Services).Include(o => o.DataCategories).OrderBy(o => o.Code).ToListAsync())
            {
                var (settings, calculator) = await clock.ForOrganisationAsync(db, o.Id, CancellationToken.None);
                organisations.Add(new OrgData(o, settings, calculator, [.. o.Services.Select(s => s.Name)], [.. o.DataCategories.Select(c => c.Code)]));
            }
        }

        var random = new Random(20261123);
        var start = today.AddYears(-10);
        var span = today.DayNumber - start.DayNumber;
        var sequences = new Dictionary<(Guid, int), int>();
        var chain = new AuditChainWriter();
        var written = 0;
        var generating = new Stopwatch();
        var writing = new Stopwatch();
        var eventRows = 0L;
        while (written < count)
        {
            var size = Math.Min(Batch, count - written);
            generating.Start();
            var batch = new List<RightsRequest>(size);
            var audits = new List<AuditEvent>(size * 2);
            for (var i = 0; i < size; i++)
            {
                var receivedOn = start.AddDays(random.Next(span + 1));
                var org = PickOrganisation(random, organisations);
                var key = (org.Organisation.Id, receivedOn.Year);
                sequences[key] = sequences.GetValueOrDefault(key) + 1;
                var request = RequestStory.Create(random, org, RequestReference.Format(org.Organisation.Code, receivedOn.Year, sequences[key]), receivedOn, today);
                batch.Add(request);
                eventRows += request.Events.Count;
                audits.Add(chain.Next(At(receivedOn, 9), request.Channel == Channel.WebForm ? "family" : "caseworker", "SubmitRightsRequestCommand", org.Organisation.Id, request.Id));
                if (request.Status.IsFinished() && request.ClosedOn is { } closed)
                {
                    audits.Add(chain.Next(At(closed, 15), "caseworker", request.Status == RequestStatus.Withdrawn ? "WithdrawRequestCommand" : "CloseRequestCommand", org.Organisation.Id, request.Id));
                }
            }

            generating.Stop();
            writing.Start();
            await using (var db = await dbs.CreateDbContextAsync())
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                db.Requests.AddRange(batch);
                db.AuditEvents.AddRange(audits);
                await BulkWriter.WriteAddedAsync(db);
            }

            writing.Stop();
            written += size;
            if (written % 50_000 == 0 || written == count)
            {
                log.WriteLine($"  {written:N0} requests ({eventRows:N0} events) after {total.Elapsed.TotalSeconds:N0} s " +
                              $"(making them {generating.Elapsed.TotalSeconds:N0} s, writing {writing.Elapsed.TotalSeconds:N0} s)");
            }
        }

        await using (var db = await dbs.CreateDbContextAsync())
        {
            foreach (var ((organisationId, year), last) in sequences)
            {
                db.ReferenceCounters.Add(new ReferenceCounter { OrganisationId = organisationId, Year = year, LastSequence = last });
            }

            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        }

        SqliteConnection.ClearAllPools();
        log.WriteLine($"Seeded {count:N0} requests, {eventRows:N0} case events and {chain.Count:N0} audit rows in {total.Elapsed.TotalSeconds:N0} s.");
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    private static OrgData PickOrganisation(Random random, List<OrgData> organisations)
    {
        // Two councils carry most of the work; the school a tenth.
        var roll = random.NextDouble();
        var code = roll < 0.45 ? "BAR" : roll < 0.9 ? "STK" : "HHJ";
        return organisations.First(o => o.Organisation.Code == code);
    }

    /// <summary>Writes audit rows chained exactly as the portal chains them.</summary>
    private sealed class AuditChainWriter
    {
        private string previous = AuditLog.Genesis;

        public long Count { get; private set; }

        public AuditEvent Next(DateTimeOffset at, string actor, string action, Guid organisationId, Guid requestId)
        {
            var row = new AuditEvent { At = at, ActorId = actor, Action = action, Outcome = "Succeeded", OrganisationId = organisationId, RequestId = requestId, PreviousHash = previous };
            row.Hash = row.ComputeHash();
            previous = row.Hash;
            Count++;
            return row;
        }
    }
}

internal sealed record OrgData(Organisation Organisation, ClockSettings Settings, DeadlineCalculator Calculator, IReadOnlyList<string> Services, IReadOnlyList<string> Categories);
