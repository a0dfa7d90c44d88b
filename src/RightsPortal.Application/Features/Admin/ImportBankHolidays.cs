using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using RightsPortal.Application.Clock;
using RightsPortal.Application.Data;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Clock;
using RightsPortal.Domain.Requests;

namespace RightsPortal.Application.Features.Admin;

/// <summary>
/// An administrator imports the GOV.UK bank-holidays file (https://www.gov.uk/bank-holidays.json format). For every
/// region and year in the file, its list replaces what the portal had; the report says what changed, and open
/// requests in those regions are recounted.
/// </summary>
[RequiresRole(Roles.Administrator)]
public sealed record ImportBankHolidaysCommand(string Json) : ICommand<BankHolidayImportReport>;

public sealed record BankHolidayImportReport(IReadOnlyList<RegionChange> Regions, int RequestsRecounted);

public sealed record RegionChange(HolidayRegion Region, IReadOnlyList<int> Years, IReadOnlyList<DateOnly> Added, IReadOnlyList<DateOnly> Removed);

public sealed class ImportBankHolidaysValidator : AbstractValidator<ImportBankHolidaysCommand>
{
    public const int MaxBytes = 1_000_000;

    public ImportBankHolidaysValidator()
    {
        RuleFor(c => c.Json).NotEmpty().WithMessage("Choose the bank-holidays file to import.")
            .MaximumLength(MaxBytes).WithMessage("The file is too large: the GOV.UK bank-holidays file is under 100 KB.");
    }
}

internal static class GovUkBankHolidays
{
    public static readonly IReadOnlyDictionary<string, HolidayRegion> Divisions = new Dictionary<string, HolidayRegion>(StringComparer.Ordinal)
    {
        ["england-and-wales"] = HolidayRegion.EnglandAndWales,
        ["scotland"] = HolidayRegion.Scotland,
        ["northern-ireland"] = HolidayRegion.NorthernIreland,
    };

    public sealed record Division([property: JsonPropertyName("division")] string? Name, [property: JsonPropertyName("events")] List<Event>? Events);

    public sealed record Event([property: JsonPropertyName("title")] string? Title, [property: JsonPropertyName("date")] string? Date);

    /// <summary>Reads and checks the whole file; every problem is reported at once, by where it is in the file.</summary>
    public static Dictionary<HolidayRegion, List<(DateOnly Date, string Title)>> Read(string json)
    {
        Dictionary<string, Division>? file;
        try
        {
            file = JsonSerializer.Deserialize<Dictionary<string, Division>>(json);
        }
        catch (JsonException ex)
        {
            throw Invalid($"This is not a bank-holidays file: the JSON could not be read ({ex.Message.Split('.')[0]}).");
        }

        if (file is null || file.Count == 0) throw Invalid("The file has no divisions. Expect england-and-wales, scotland and northern-ireland.");

        var problems = new List<string>();
        var result = new Dictionary<HolidayRegion, List<(DateOnly, string)>>();
        foreach (var (key, division) in file)
        {
            if (!Divisions.TryGetValue(key, out var region))
            {
                problems.Add($"Unknown division '{key}': expect england-and-wales, scotland or northern-ireland.");
                continue;
            }

            var events = new List<(DateOnly, string)>();
            foreach (var (e, i) in (division?.Events ?? []).Select((e, i) => (e, i)))
            {
                if (string.IsNullOrWhiteSpace(e.Title) || e.Title.Length > 200)
                    problems.Add($"{key} event {i + 1}: a title of 1 to 200 characters is needed.");
                if (!DateOnly.TryParseExact(e.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year is < 1995 or > 2100)
                {
                    problems.Add($"{key} event {i + 1}: '{e.Date}' is not a date between 1995 and 2100 in YYYY-MM-DD form.");
                    continue;
                }

                if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                    problems.Add($"{key} event {i + 1}: {UkDates.Short(date)} is a weekend day, which cannot be a bank holiday.");
                else if (events.Any(x => x.Item1 == date))
                    problems.Add($"{key} event {i + 1}: {UkDates.Short(date)} appears twice.");
                else
                    events.Add((date, e.Title?.Trim() ?? ""));
            }

            if (events.Count == 0 && problems.Count == 0) problems.Add($"{key} has no events.");
            result[region] = events;
        }

        if (problems.Count > 0) throw new ValidationException(problems.Select(p => new ValidationFailure(nameof(ImportBankHolidaysCommand.Json), p)));
        return result;
    }

    private static ValidationException Invalid(string message) => new([new ValidationFailure(nameof(ImportBankHolidaysCommand.Json), message)]);
}

internal sealed class ImportBankHolidaysHandler(IDbContextFactory<PortalDb> dbs, PortalClock portalClock)
    : IRequestHandler<ImportBankHolidaysCommand, BankHolidayImportReport>
{
    public async Task<BankHolidayImportReport> Handle(ImportBankHolidaysCommand command, CancellationToken cancellationToken)
    {
        var file = GovUkBankHolidays.Read(command.Json);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);

        var changes = new List<RegionChange>();
        foreach (var (region, events) in file)
        {
            var before = await portalClock.HolidaysAsync(region, cancellationToken);
            var years = events.Select(e => e.Date.Year).Distinct().Order().ToList();
            var current = years.SelectMany(before.HolidaysIn).ToHashSet();
            var incoming = events.Select(e => e.Date).ToHashSet();

            await db.PublishedBankHolidays.Where(h => h.Region == region && years.Contains(h.Date.Year)).ExecuteDeleteAsync(cancellationToken);
            db.PublishedBankHolidays.AddRange(events.Select(e => new PublishedBankHoliday { Region = region, Date = e.Date, Title = e.Title }));
            changes.Add(new RegionChange(region, years, [.. incoming.Except(current).Order()], [.. current.Except(incoming).Order()]));
        }

        await db.SaveChangesAsync(cancellationToken);
        var recounted = await OpenRequests.RecountAsync(db, portalClock, file.Keys, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        portalClock.Invalidate(); // only now can other connections see the new table
        return new BankHolidayImportReport(changes, recounted);
    }
}
