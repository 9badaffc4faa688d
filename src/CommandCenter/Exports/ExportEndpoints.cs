using System.Globalization;
using System.Text;
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

    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/exports").WithTags("Exports").RequireAuthorization(Policies.Staff)
            .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none exports the account's subtree; one outside it is refused");

        exports.MapGet("/incidents.geojson", async (DateTimeOffset? from, DateTimeOffset? to, string? scope, GridDirectory grids, IIncidentLedger ledger, TimeProvider clock,
            ClaimsPrincipal user, ScopeGate gate) =>
        {
            var (error, items) = await Load(from, to, scope, grids, ledger, clock, user, gate);
            if (error is not null) return error;
            var features = items.Select(s => new
            {
                type = "Feature",
                geometry = s.Lat is { } lat && s.Lon is { } lon ? new { type = "Point", coordinates = new[] { lon, lat } } : null,
                properties = Row(s, clock.GetUtcNow()),
            });
            return Results.Json(new { type = "FeatureCollection", features }, contentType: "application/geo+json");
        })
        .WithSummary("Incidents reported in [from, to) in the scope's subtree as a GeoJSON FeatureCollection of points (null geometry without a position).");

        exports.MapGet("/incidents.csv", async (DateTimeOffset? from, DateTimeOffset? to, string? scope, GridDirectory grids, IIncidentLedger ledger, TimeProvider clock,
            ClaimsPrincipal user, ScopeGate gate) =>
        {
            var (error, items) = await Load(from, to, scope, grids, ledger, clock, user, gate);
            if (error is not null) return error;
            var csv = new StringBuilder("id,state,step,category,priority,channel,grid,assignee,lat,lon,created_at,updated_at,active_step,due_at,breached,escalation,light\n");
            var now = clock.GetUtcNow();
            foreach (var s in items)
                csv.AppendJoin(',', s.Id, IncidentSteps.Word(s.Status), s.Step, s.Category, PriorityWords.Of(s.Priority), s.Channel, s.GridId, s.AssigneeId,
                        s.Lat?.ToString(CultureInfo.InvariantCulture), s.Lon?.ToString(CultureInfo.InvariantCulture), s.CreatedAt.ToString("O"), s.UpdatedAt.ToString("O"),
                        s.ActiveStep?.ToString().ToLowerInvariant(), s.DueAt?.ToString("O"), s.Breached ? "true" : "false", s.Rung, SlaLightWords.Word(s.Light.At(now)))
                    .Append('\n');
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", "incidents.csv");
        })
        .WithSummary("Incidents reported in [from, to) in the scope's subtree as CSV (UTF-8 with BOM so spreadsheets read the Chinese right).");
    }

    // The light is the one rule's, as it stands at the export's instant.
    private static object Row(IncidentSummary s, DateTimeOffset now) => new
    {
        id = s.Id, state = IncidentSteps.Word(s.Status), step = s.Step, category = s.Category, priority = PriorityWords.Of(s.Priority), channel = s.Channel,
        gridId = s.GridId, assigneeId = s.AssigneeId, createdAt = s.CreatedAt, updatedAt = s.UpdatedAt,
        activeStep = s.ActiveStep?.ToString().ToLowerInvariant(), dueAt = s.DueAt, breached = s.Breached, escalation = s.Rung.ToString(), light = SlaLightWords.Word(s.Light.At(now)),
    };

    private static async Task<(IResult? Error, List<IncidentSummary> Items)> Load(
        DateTimeOffset? from, DateTimeOffset? to, string? scope, GridDirectory grids, IIncidentLedger ledger, TimeProvider clock, ClaimsPrincipal user, ScopeGate gate)
    {
        var scoped = await gate.Subtree(user, scope);
        if (scoped.Refused) return (ScopeGate.Refusal(user, scoped), []);
        var fields = new Fields();
        var window = ReplayEndpoints.Window(fields, from, to, MaxWindow);
        var (hierarchy, scopeId) = await ReplayEndpoints.Scope(fields, grids, scoped.GridId);
        if (fields.Any) return (fields.Result(), []);
        var grid = scopeId == hierarchy!.Root.Id ? null : scopeId;
        var items = new List<IncidentSummary>();
        for (var offset = 0; ; offset += Page)
        {
            var page = await ledger.Query(new IncidentQuery(grid, null, null, window.From, window.To, clock.GetUtcNow(), offset, Page));
            items.AddRange(page.Items);
            if (page.Items.Count < Page) break;
        }
        items.Reverse();   // oldest first
        return (null, items);
    }
}
