using CommandCenter.Auth;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grids;
using CommandCenter.Http;
using CommandCenter.Replay;

namespace CommandCenter.Kpis;

public static class KpiEndpoints
{
    /// <summary>KPIs cover at most a year: enough for annual assessment, bounded for the server.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    public static void MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/kpis", async (string? scope, DateTimeOffset? from, DateTimeOffset? to, string? by, GridDirectory grids, KpiDesk kpis, HttpContext http) =>
        {
            var fields = new Fields();
            var window = ReplayEndpoints.Window(fields, from, to, MaxWindow);
            var grouping = Grouping(fields, by);
            var (_, scopeId) = await ReplayEndpoints.Scope(fields, grids, scope);
            if (fields.Any) return fields.Result();
            return Results.Ok(await kpis.Report(scopeId!, window.From, window.To, grouping, http.RequestAborted));
        })
        .RequireAuthorization(Policies.Supervision)
        .WithTags("KPIs")
        .WithSummary("KPIs of a grid subtree over [from, to) from the event log alone, in total and by grid, member or platform. Formulas: docs/kpis.md.");
    }

    public static KpiGrouping Grouping(Fields fields, string? by)
    {
        if (by is null) return KpiGrouping.Grid;
        if (Enum.TryParse<KpiGrouping>(by, ignoreCase: true, out var grouping) && !int.TryParse(by, out _)) return grouping;
        fields.Add("by", $"by must be grid, member or platform, not \"{by}\".");
        return KpiGrouping.Grid;
    }
}
