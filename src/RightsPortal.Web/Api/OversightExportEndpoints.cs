using System.Text;
using MediatR;
using RightsPortal.Application.Features.Oversight.Dashboard;
using RightsPortal.Application.Security;
using RightsPortal.Domain.Oversight;

namespace RightsPortal.Web.Api;

/// <summary>
/// Every table of the oversight dashboard as a CSV file, for the same roles and organisation scope as the page:
/// <c>/oversight/export/{table}.csv?from=2025-12&amp;to=2026-11&amp;org=STK</c> (from/to only for the figures; org only for
/// administrators). Staff sign-in cookie; a DPO asking for another organisation gets 403.
/// </summary>
internal static class OversightExportEndpoints
{
    public static void MapOversightExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var oversight = new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = $"{Roles.Dpo},{Roles.Administrator}" };
        endpoints.MapGet("/oversight/export/{table}.csv", ExportAsync)
            .RequireAuthorization(oversight)
            .ExcludeFromDescription();
    }

    internal static async Task<IResult> ExportAsync(string table, string? from, string? to, string? org, IMediator mediator, HttpContext context, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var fromMonth = Month(from, "from", errors);
        var toMonth = Month(to, "to", errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "Some choices are not right");

        try
        {
            FigureTable found;
            string name;
            if (DashboardTables.GlanceKeys.Contains(table))
            {
                var glance = await mediator.Send(new GetAtAGlanceQuery(org, GetAtAGlanceQuery.MaxRows), ct);
                found = DashboardTables.Of(glance[table], withOrganisation: glance.SeveralOrganisations);
                name = $"{table}-{glance.OrganisationCode ?? "all-organisations"}-{RightsPortal.Domain.Clock.UkDates.Iso(glance.Today)}";
            }
            else if (DashboardTables.FigureKeys.Contains(table))
            {
                var figures = await mediator.Send(new GetDashboardFiguresQuery(org, fromMonth, toMonth), ct);
                found = DashboardTables.Of(figures).Single(t => t.Key == table);
                name = $"{table}-{figures.OrganisationCode ?? "all-organisations"}-{figures.Period.From.Iso}-to-{figures.Period.To.Iso}";
            }
            else
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-store"; // case references: not kept by shared caches
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv.Write(found))).ToArray(), "text/csv; charset=utf-8", Csv.SafeFileName(name.ToLowerInvariant() + ".csv"));
        }
        catch (ForbiddenException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: ex.Message);
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
        catch (FluentValidation.ValidationException ex)
        {
            return Results.ValidationProblem(
                ex.Errors.GroupBy(e => e.PropertyName.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()),
                title: "Some choices are not right");
        }
    }

    private static ReportMonth? Month(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (ReportMonth.TryParse(text.Trim(), out var month)) return month;
        errors[name] = [$"Give '{name}' as a month, YYYY-MM (for example 2026-03)."];
        return null;
    }
}

/// <summary>
/// CSV as spreadsheets read it (RFC 4180: commas, CRLF, quotes doubled) and safe to open in one: a cell that starts
/// with = + - @ (or a tab or carriage return) could run as a formula, so it is written with a leading apostrophe.
/// </summary>
internal static class Csv
{
    public static string Write(FigureTable table)
    {
        var csv = new StringBuilder();
        Line(csv, table.Columns);
        foreach (var row in table.Rows)
        {
            Line(csv, row);
        }

        return csv.ToString();
    }

    /// <summary>One cell, neutralised against formula injection, then quoted if it needs to be.</summary>
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 || text != text.Trim() ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>A download name of letters, digits, dots and dashes only.</summary>
    public static string SafeFileName(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-')]);

    private static void Line(StringBuilder csv, IEnumerable<string?> cells)
    {
        csv.AppendJoin(',', cells.Select(Cell));
        csv.Append("\r\n");
    }
}
