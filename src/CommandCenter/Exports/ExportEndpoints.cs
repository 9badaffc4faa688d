using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Grids;
using CommandCenter.Http;
using CommandCenter.Replay;

namespace CommandCenter.Exports;

/// <summary>Incidents reported in a window, in a grid subtree, as they stand now: GeoJSON for maps, CSV for spreadsheets.</summary>
public static class ExportEndpoints
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);
    private const int Page = 500;

    private static readonly string[] Columns =
        ["id", "state", "step", "category", "priority", "channel", "grid", "assignee", "lat", "lon", "created_at", "updated_at", "active_step", "due_at", "breached", "escalation", "light", "description"];

    private sealed record Selection(string? Grid, DateTimeOffset From, DateTimeOffset To);

    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/exports").WithTags("Exports").RequireAuthorization(Policies.Staff)
            .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none exports the account's subtree; one outside it is refused");

        exports.MapGet("/incidents.geojson", async (DateTimeOffset? from, DateTimeOffset? to, string? scope, GridDirectory grids, IIncidentLedger ledger, TimeProvider clock,
            ClaimsPrincipal user, ScopeGate gate, CancellationToken cancellationToken) =>
        {
            var (error, selection) = await Select(from, to, scope, grids, user, gate);
            if (error is not null) return error;
            var features = new List<object>();
            await foreach (var (s, description) in Pages(selection!, ledger, clock, cancellationToken))
                features.Add(new
                {
                    type = "Feature",
                    geometry = s.Lat is { } lat && s.Lon is { } lon ? new { type = "Point", coordinates = new[] { lon, lat } } : null,
                    properties = Row(s, description, clock.GetUtcNow()),
                });
            return Results.Json(new { type = "FeatureCollection", features }, contentType: "application/geo+json");
        })
        .WithSummary("Incidents reported in [from, to) in the scope's subtree, newest first, as a GeoJSON FeatureCollection of points (null geometry without a position).");

        exports.MapGet("/incidents.csv", async (DateTimeOffset? from, DateTimeOffset? to, string? scope, GridDirectory grids, IIncidentLedger ledger, TimeProvider clock,
            ClaimsPrincipal user, ScopeGate gate) =>
        {
            var (error, selection) = await Select(from, to, scope, grids, user, gate);
            var now = clock.GetUtcNow();
            if (error is not null) return error;
            // Written page by page as the ledger reads: a year of a city never sits in memory at once.
            return Results.Stream(async stream =>
            {
                await using var sheet = CsvSheet.Start(stream, Columns);
                await foreach (var (s, description) in Pages(selection!, ledger, clock, CancellationToken.None))
                {
                    sheet.Text(s.Id).Text(IncidentSteps.Word(s.Status)).Number(s.Step).Text(s.Category).Text(PriorityWords.Of(s.Priority)).Text(s.Channel)
                        .Text(s.GridId).Text(s.AssigneeId).Number(s.Lat).Number(s.Lon).Instant(s.CreatedAt).Instant(s.UpdatedAt)
                        .Text(s.ActiveStep?.ToString().ToLowerInvariant()).Instant(s.DueAt).Text(s.Breached ? "true" : "false").Text(s.Rung.ToString()).Text(SlaLightWords.Word(s.Light.At(now))).Text(description);
                    await sheet.EndRow(CancellationToken.None);
                }
            }, "text/csv; charset=utf-8", "incidents.csv");
        })
        .WithSummary("Incidents reported in [from, to) in the scope's subtree, newest first, as CSV: RFC 4180 quoting, UTF-8 with BOM so spreadsheets read " +
                     "the Chinese right, text that starts like a formula (= + - @) prefixed with ' so spreadsheets show it as text.");
    }

    // The light is the one rule's, as it stands at the export's instant.
    private static object Row(IncidentSummary s, string? description, DateTimeOffset now) => new
    {
        id = s.Id, state = IncidentSteps.Word(s.Status), step = s.Step, category = s.Category, priority = PriorityWords.Of(s.Priority), channel = s.Channel,
        gridId = s.GridId, assigneeId = s.AssigneeId, createdAt = s.CreatedAt, updatedAt = s.UpdatedAt,
        activeStep = s.ActiveStep?.ToString().ToLowerInvariant(), dueAt = s.DueAt, breached = s.Breached, escalation = s.Rung.ToString(),
        light = SlaLightWords.Word(s.Light.At(now)), description,
    };

    private static async Task<(IResult? Error, Selection? Selection)> Select(DateTimeOffset? from, DateTimeOffset? to, string? scope, GridDirectory grids,
        ClaimsPrincipal user, ScopeGate gate)
    {
        var scoped = await gate.Subtree(user, scope);
        if (scoped.Refused) return (ScopeGate.Refusal(user, scoped), null);
        var fields = new Fields();
        var window = ReplayEndpoints.Window(fields, from, to, MaxWindow);
        var (hierarchy, scopeId) = await ReplayEndpoints.Scope(fields, grids, scoped.GridId);
        if (fields.Any) return (fields.Result(), null);
        return (null, new Selection(scopeId == hierarchy!.Root.Id ? null : scopeId, window.From, window.To));
    }

    /// <summary>The selected incidents, newest first, one ledger page at a time, each with the description it was reported with.</summary>
    private static async IAsyncEnumerable<(IncidentSummary Incident, string? Description)> Pages(Selection selection, IIncidentLedger ledger, TimeProvider clock,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        for (var offset = 0; ; offset += Page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await ledger.Query(new IncidentQuery(selection.Grid, null, null, selection.From, selection.To, now, offset, Page));
            var reports = await ledger.ReportsOf(page.Items.Select(s => s.Id).ToList());
            foreach (var s in page.Items) yield return (s, reports.GetValueOrDefault(s.Id)?.Description);
            if (page.Items.Count < Page) break;
        }
    }
}
