using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Exports;
using CommandCenter.Grains.Assessment;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grains.Members;
using CommandCenter.Grains.Setup;
using CommandCenter.Grids;
using CommandCenter.Http;
using CommandCenter.Kpis;
using CommandCenter.Replay;

namespace CommandCenter.Assessment;

/// <summary>
/// 月通报, 季考评, 年考核: the KPI report of a calendar period (a month, a quarter, a year in the city's zone) for a scope,
/// by grid (the grids just below it) or by member, each row with its 综合指标值, grade and rank — the same report as
/// GET /api/kpis, named and ranked for publishing; the printable 通报 page and the spreadsheet read this.
/// </summary>
public static class AssessmentEndpoints
{
    public sealed record AssessmentRowView(int? Rank, string Key, string Name, double? Composite, string? Grade, string? GradeName,
        double? PreviousComposite, KpiSet Kpis);

    public sealed record AssessmentView(string Period, string Kind, string Name, string Words, string City, string Zone, string Scope, string ScopeName,
        DateTimeOffset From, DateTimeOffset To, string By, KpiSet Total, double? Composite, string? Grade, string? GradeName,
        IReadOnlyList<AssessmentRowView> Rows);

    public static void MapAssessmentEndpoints(this IEndpointRouteBuilder app)
    {
        var assessments = app.MapGroup("/api/assessments").WithTags("Assessment").RequireAuthorization(Policies.Supervision);

        assessments.MapGet("/", async (string? period, string? scope, string? by, GridDirectory grids, KpiDesk kpis, ICityRules rules,
            IGrainFactory factory, HttpContext http, ScopeGate gate) =>
        {
            var (view, refusal) = await Assess(period, scope, by, grids, kpis, rules, factory, http, gate);
            return refusal ?? Results.Ok(view);
        })
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none gives the account's subtree; one outside it is refused")
        .WithSummary("An assessment (period 2026-11 月通报, 2026-Q4 季考评, 2026 年考核): the scope's KPIs over the period by grid or member, " +
                     "ranked by 综合指标值 with grades, and each row's composite in the period before.");

        assessments.MapGet("/export", async (string? period, string? scope, string? by, string? format, GridDirectory grids, KpiDesk kpis, ICityRules rules,
            IGrainFactory factory, HttpContext http, ScopeGate gate) =>
        {
            if (!KpiTableFile.IsFormat(format, out var kind)) return Problems.Field("format", "format must be xlsx or csv.");
            var (view, refusal) = await Assess(period, scope, by, grids, kpis, rules, factory, http, gate);
            if (refusal is not null) return refusal;
            await KpiTableFile.Write(http, kind, $"{view!.Words}{view.Name}-{view.ScopeName}", view.Name, view.By, withPrevious: true,
                view.Rows.Select(r => new KpiTableFile.Row(r.Rank, r.Key, r.Name, r.Composite, r.GradeName, r.PreviousComposite, r.Kpis)));
            return Results.Empty;
        })
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "as GET /api/assessments")
        .WithSummary("The assessment as a workbook (format=xlsx, the default) or CSV (UTF-8 with BOM): rank, grid or member, name, composite, grade, " +
                     "the period before, then every indicator by its Chinese and API name (rates 0–1).");
    }

    private static async Task<(AssessmentView? View, IResult? Refusal)> Assess(string? period, string? scope, string? by, GridDirectory grids, KpiDesk kpis,
        ICityRules rules, IGrainFactory factory, HttpContext http, ScopeGate gate)
    {
        var scoped = await gate.Subtree(http.User, scope);
        if (scoped.Refused) return (null, ScopeGate.Refusal(http.User, scoped));
        var fields = new Fields();
        var parsed = AssessmentPeriod.Parse(period, out var problem);
        if (parsed is null) fields.Add("period", problem!);
        var grouping = by?.Trim().ToLowerInvariant() switch
        {
            null or "" or "grid" => KpiGrouping.Grid,
            "member" => KpiGrouping.Member,
            _ => (KpiGrouping?)null,
        };
        if (grouping is null) fields.Add("by", $"by must be grid or member, not \"{by}\".");
        var (hierarchy, scopeId) = await ReplayEndpoints.Scope(fields, grids, scoped.GridId);
        if (fields.Any) return (null, fields.Result());

        var zone = rules.Policy.Calendar.TimeZone;
        var (from, to) = parsed!.Window(zone);
        var (previousFrom, previousTo) = parsed.Previous().Window(zone);
        var report = await kpis.Report(scopeId!, from, to, grouping!.Value, http.RequestAborted);
        var previous = await kpis.Report(scopeId!, previousFrom, previousTo, grouping.Value, http.RequestAborted);
        var before = previous.Rows.ToDictionary(r => r.Key, r => r.Score?.Composite, StringComparer.Ordinal);
        var names = await KpiRowNames.Of(grouping.Value, report.Rows.Select(r => r.Key), hierarchy!, factory);
        var view = KpiEndpoints.View(report);
        var rows = view.Rows
            .Select(r => new AssessmentRowView(r.Rank, r.Key, names.GetValueOrDefault(r.Key) ?? r.Key, r.Composite, r.Grade, r.GradeName,
                before.GetValueOrDefault(r.Key), r.Kpis))
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        var scopeNode = hierarchy!.Find(scopeId!)!;
        return (new AssessmentView(parsed.Code, parsed.Kind.ToString().ToLowerInvariant(), parsed.Name, parsed.Words,
            rules.City.Name ?? hierarchy.Root.Name, zone.Id, scopeId!, scopeNode.Name, from, to, view.By, view.Total, view.Composite, view.Grade, view.GradeName, rows), null);
    }
}
