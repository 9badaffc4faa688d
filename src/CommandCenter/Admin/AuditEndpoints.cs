using CommandCenter.Access;
using CommandCenter.Exports;
using CommandCenter.Grains.Setup;
using CommandCenter.Http;

namespace CommandCenter.Admin;

/// <summary>The audit trail of administrative changes, listed and exported.</summary>
public static class AuditEndpoints
{
    public sealed record AuditEntryView(DateTimeOffset At, string Actor, string Action, string Subject, string? Before, string? After);

    public const int MaxListed = 1_000;

    public static void MapAuditEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", async (string? subject, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains) =>
        {
            if (Window(from, to) is { } refusal) return refusal;
            var entries = await grains.GetGrain<IAuditTrailGrain>("city").List(Subject(subject), from, to, MaxListed);
            return Results.Ok(entries.Select(e => new AuditEntryView(e.At, e.Actor, e.Action, e.Subject, e.Before, e.After)));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary($"Administrative changes, newest first (at most {MaxListed:N0}): who, when, what, the subject before and after. " +
                     "subject filters by its start (account:, member:, category:, policy, city, grids, roster).");

        admin.MapGet("/audit/export", async (string? subject, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains, HttpContext http) =>
        {
            if (Window(from, to) is { } refusal) return refusal;
            var entries = await grains.GetGrain<IAuditTrailGrain>("city").List(Subject(subject), from, to, int.MaxValue);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
            await using (var sheet = CsvSheet.Start(http.Response.Body, "时间 at", "操作人 actor", "操作 action", "对象 subject", "变更前 before", "变更后 after"))
            {
                foreach (var e in entries)
                {
                    sheet.Instant(e.At).Text(e.Actor).Text(e.Action).Text(e.Subject).Text(e.Before).Text(e.After);
                    await sheet.EndRow(http.RequestAborted);
                }
            }
            return Results.Empty;
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("The audit trail as CSV (UTF-8 with BOM), the same filters as the list, every entry.");
    }

    private static string? Subject(string? subject) => string.IsNullOrWhiteSpace(subject) ? null : subject.Trim();

    private static IResult? Window(DateTimeOffset? from, DateTimeOffset? to) =>
        from is not null && to is not null && to <= from ? Problems.Field("to", "to must be after from.") : null;
}
