using System.Globalization;
using System.Text.RegularExpressions;
using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Http;

namespace CommandCenter.Reports;

public static partial class ReportEndpoints
{
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\.(csv|json)$")]
    private static partial Regex FileName();

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Staff);

        reports.MapGet("/{date}", async (string date, DailyReport report, ClaimsPrincipal user, ScopeGate gate, CancellationToken cancellationToken) =>
        {
            if (!TryDay(date, out var day)) return Problems.Field("date", $"date must be a day written yyyy-MM-dd, not \"{date}\".");
            var files = await report.Files(day, cancellationToken);
            if (files.Count == 0) return NoReport(date);
            var covers = await gate.Covers(user);
            return Results.Ok(files.Where(name => covers(Path.GetFileNameWithoutExtension(name))).Order(StringComparer.Ordinal));
        })
        .GridScoped(ScopeEffect.Narrows, "lists only the files of grids in the account's subtree")
        .WithSummary("The files of one day's report: {grid}.json and {grid}.csv per level-1 grid.");

        reports.MapGet("/{date}/{file}", async (string date, string file, DailyReport report, ClaimsPrincipal user, ScopeGate gate, CancellationToken cancellationToken) =>
        {
            if (!TryDay(date, out var day)) return Problems.Field("date", $"date must be a day written yyyy-MM-dd, not \"{date}\".");
            if (!FileName().IsMatch(file)) return Problems.Field("file", $"\"{file}\" is not a report file name such as JY01.csv or JY01.json.");
            // A report file is named for its grid.
            if (await gate.Subtree(user, Path.GetFileNameWithoutExtension(file)) is { Refused: true } refused) return ScopeGate.Refusal(user, refused);
            if (await report.Open(day, file, cancellationToken) is not { } content) return NoReport($"{date}/{file}");
            var type = file.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
            return Results.Stream(content, type, file);
        })
        .GridScoped(ScopeEffect.Refuses, "the file's grid: one outside the account's subtree is refused")
        .WithSummary("Download one report file.");
    }

    private static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static IResult NoReport(string what) =>
        Results.Problem(title: "No such report", detail: $"There is no report {what}; run POST /api/jobs/daily-report/run to write today's.", statusCode: 404);
}
