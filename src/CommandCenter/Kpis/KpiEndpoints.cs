using System.Text.Json;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grids;
using CommandCenter.Http;
using CommandCenter.Replay;

namespace CommandCenter.Kpis;

public static class KpiEndpoints
{
    /// <summary>KPIs cover at most a year: enough for annual assessment, bounded for the server.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    public sealed record WhatIfRequest(DateTimeOffset? From, DateTimeOffset? To, string? Scope, string? By, JsonElement? Policy);

    /// <summary>
    /// The what-if of <paramref name="body"/>'s policy against the one in force: the API's and the admin console's draft
    /// (which sends its draft as a whole policy through here, so both answer alike).
    /// </summary>
    public static async Task<IResult> WhatIf(WhatIfRequest? body, GridDirectory grids, KpiDesk kpis, SlaPolicy policy, CategoryCatalogue catalogue,
        TimeProvider clock, HttpContext http, ScopeGate gate)
    {
        var scoped = await gate.Subtree(http.User, body?.Scope);
        if (scoped.Refused) return ScopeGate.Refusal(http.User, scoped);
        var fields = new Fields();
        var window = ReplayEndpoints.Window(fields, body?.From, body?.To, MaxWindow);
        var grouping = Grouping(fields, body?.By);
        var (_, scopeId) = await ReplayEndpoints.Scope(fields, grids, scoped.GridId);
        if (body?.Policy is not { ValueKind: JsonValueKind.Object } document)
            fields.Add("policy", "Give the alternative SLA policy as a JSON object, in the shape of samples/Jiangyin/sla-policy.json.");
        if (fields.Any) return fields.Result();

        SlaPolicy alternative;
        try
        {
            alternative = SlaPolicy.Parse(body!.Policy!.Value.GetRawText(), catalogue);
        }
        catch (SlaPolicyException e)
        {
            return Results.Problem(title: "The alternative policy is invalid.", detail: string.Join(" ", e.Problems.Select(p => "policy." + p)), statusCode: 422,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["policy"] = e.Problems.Select(p => "policy." + p).ToArray() } });
        }
        var logs = await kpis.LogsActiveIn(window.From, window.To, http.RequestAborted);
        var horizon = clock.GetUtcNow() < window.To ? clock.GetUtcNow() : window.To;
        var result = Grains.Kpis.WhatIfResult.Of(logs, policy, alternative, catalogue, scopeId!, window.From, window.To, grouping, horizon, kpis.Scoring);
        return Results.Ok(new
        {
            actual = View(result.Actual),
            alternative = View(result.Alternative),
            differences = result.Differences,
            lightChanges = result.LightChanges.Select(c => new
            {
                c.IncidentId, c.GridId, actual = Word(c.Actual), alternative = Word(c.Alternative),
                change = c.Alternative > c.Actual ? "worse" : "better",
            }),
        });
    }

    public static void MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        // Bad weights or grade thresholds stop the start, naming the key, rather than the first report.
        KpiScoringSettings.Read(app.ServiceProvider.GetRequiredService<IConfiguration>());

        app.MapPost("/api/kpis/what-if", (WhatIfRequest? body, GridDirectory grids, KpiDesk kpis, SlaPolicy policy, CategoryCatalogue catalogue,
            TimeProvider clock, HttpContext http, ScopeGate gate) => WhatIf(body, grids, kpis, policy, catalogue, clock, http, gate))
        .RequireAuthorization(Policies.Supervision)
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none replays the account's subtree; one outside it is refused")
        .WithTags("KPIs")
        .WithSummary("What-if: the window's incidents replayed under another SLA policy (same instants, deadlines worked out again): " +
                     "both KPI reports, their differences, and the incidents whose worst light would change. A bad policy is a 422 naming each bad entry.");

        app.MapGet("/api/kpis", async (string? scope, DateTimeOffset? from, DateTimeOffset? to, string? by, GridDirectory grids, KpiDesk kpis, HttpContext http, ScopeGate gate) =>
        {
            var scoped = await gate.Subtree(http.User, scope);
            if (scoped.Refused) return ScopeGate.Refusal(http.User, scoped);
            var fields = new Fields();
            var window = ReplayEndpoints.Window(fields, from, to, MaxWindow);
            var grouping = Grouping(fields, by);
            var (_, scopeId) = await ReplayEndpoints.Scope(fields, grids, scoped.GridId);
            if (fields.Any) return fields.Result();
            return Results.Ok(View(await kpis.Report(scopeId!, window.From, window.To, grouping, http.RequestAborted)));
        })
        .RequireAuthorization(Policies.Supervision)
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none gives the account's subtree; one outside it is refused")
        .WithTags("KPIs")
        .WithSummary("KPIs of a grid subtree over [from, to) from the event log alone, in total and by grid, member, platform, reporter or channel, " +
                     "each with its composite (综合指标值), grade and rank among the rows. Formulas: docs/kpis.md.");

        app.MapGet("/api/kpis/export", async (string? scope, DateTimeOffset? from, DateTimeOffset? to, string? by, string? format, GridDirectory grids,
            KpiDesk kpis, IGrainFactory factory, HttpContext http, ScopeGate gate) =>
        {
            var scoped = await gate.Subtree(http.User, scope);
            if (scoped.Refused) return ScopeGate.Refusal(http.User, scoped);
            var fields = new Fields();
            var window = ReplayEndpoints.Window(fields, from, to, MaxWindow);
            var grouping = Grouping(fields, by);
            if (!KpiTableFile.IsFormat(format, out var kind)) fields.Add("format", "format must be xlsx or csv.");
            var (hierarchy, scopeId) = await ReplayEndpoints.Scope(fields, grids, scoped.GridId);
            if (fields.Any) return fields.Result();
            var view = View(await kpis.Report(scopeId!, window.From, window.To, grouping, http.RequestAborted));
            var names = await KpiRowNames.Of(grouping, view.Rows.Select(r => r.Key), hierarchy!, factory);
            var rows = view.Rows.OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new KpiTableFile.Row(r.Rank, r.Key, names.GetValueOrDefault(r.Key) ?? r.Key, r.Composite, r.GradeName, null, r.Kpis))
                .Append(new KpiTableFile.Row(null, scopeId!, "合计 Total", view.Composite, view.GradeName, null, view.Total));
            await KpiTableFile.Write(http, kind, $"kpis-{scopeId}-{view.By}", "KPI", view.By, withPrevious: false, rows);
            return Results.Empty;
        })
        .RequireAuthorization(Policies.Supervision)
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none gives the account's subtree; one outside it is refused")
        .WithTags("KPIs")
        .WithSummary("The KPI report of the screen (scope, window, grouping) as a ranking table: XLSX (format=xlsx, the default) or CSV; the rows by " +
                     "rank with names, then the scope's total.");

        app.MapGet("/api/kpis/activity", async (string? scope, DateTimeOffset? from, DateTimeOffset? to, GridDirectory grids, KpiDesk kpis,
            CategoryCatalogue catalogue, HttpContext http, ScopeGate gate) =>
        {
            var scoped = await gate.Subtree(http.User, scope);
            if (scoped.Refused) return ScopeGate.Refusal(http.User, scoped);
            var fields = new Fields();
            var window = ReplayEndpoints.Window(fields, from, to, MaxWindow);
            var (hierarchy, scopeId) = await ReplayEndpoints.Scope(fields, grids, scoped.GridId);
            if (fields.Any) return fields.Result();
            var activity = await kpis.Activity(scopeId!, scopeId == hierarchy!.Root.Id, window.From, window.To, MaxActivityPoints, http.RequestAborted);
            return Results.Ok(new ActivityView(scopeId!, window.From, window.To, activity.Reports,
                activity.ByCategory.Select(c => new ActivityCountView(c.Key, catalogue.Find(c.Key)?.Name ?? c.Key, c.Count)).ToList(),
                activity.ByChannel.Select(c => new ActivityCountView(c.Key, c.Key, c.Count)).ToList(),
                activity.ByHour,
                activity.Backlog.Select(b => new BacklogView(b.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), b.Grid,
                    hierarchy.Find(b.Grid)?.Name ?? b.Grid, b.Open)).ToList(),
                activity.Points));
        })
        .RequireAuthorization(Policies.Supervision)
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none gives the account's subtree; one outside it is refused")
        .WithTags("KPIs")
        .WithSummary("What came in and stood open in a scope over [from, to): reports by category, by channel and by hour of the day (city time), " +
                     "the open cases of each grid just below the scope at the end of every day (city time), and the reported positions " +
                     $"(the newest {MaxActivityPoints:N0}) for a heat map.");

        app.MapGet("/api/kpis/cases", async (string? scope, DateTimeOffset? from, DateTimeOffset? to, string? by, string? key, string? kpi, bool? met,
            GridDirectory grids, KpiDesk kpis, HttpContext http, ScopeGate gate) =>
        {
            var scoped = await gate.Subtree(http.User, scope);
            if (scoped.Refused) return ScopeGate.Refusal(http.User, scoped);
            var fields = new Fields();
            var window = ReplayEndpoints.Window(fields, from, to, MaxWindow);
            var grouping = Grouping(fields, by);
            var (_, scopeId) = await ReplayEndpoints.Scope(fields, grids, scoped.GridId);
            var figure = KpiNames.Of(kpi);
            if (figure is null) fields.Add("kpi", $"kpi must be one of {string.Join(", ", KpiNames.All)}.");
            if (fields.Any) return fields.Result();
            var observed = await kpis.Observed(window.From, window.To, http.RequestAborted);
            var behind = KpiReport.Behind(observed, scopeId!, window.From, window.To, grouping, string.IsNullOrWhiteSpace(key) ? null : key.Trim(), figure!.Kind)
                .Where(o => figure.Only is not { } only || (o.Value > 0) == only).ToList();
            var items = behind.Where(o => met is null || (o.Value > 0) == met)
                .Select(o => new KpiCase(o.IncidentId, o.At, o.Value > 0, o.Value, o.GridChain.FirstOrDefault(), o.MemberId, o.Platform?.ToString())).ToList();
            return Results.Ok(new KpiCases(kpi!.Trim(), string.IsNullOrWhiteSpace(key) ? null : key.Trim(), behind.Count, behind.Count(o => o.Value > 0), items));
        })
        .RequireAuthorization(Policies.Supervision)
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none gives the account's subtree; one outside it is refused")
        .WithTags("KPIs")
        .WithSummary("The cases behind one figure of GET /api/kpis: the indicator kpi (its field name) in the scope over [from, to), of the row key " +
                     "(by the same grouping) or of the total; met=true the numerator's cases, met=false the rest. Total and Met equal the figure's denominator and numerator.");
    }

    public sealed record ActivityCountView(string Key, string Name, int Count);

    public sealed record BacklogView(string Day, string Grid, string Name, int Open);

    /// <summary>What came in and stood open in a scope over a window (<see cref="ScopeActivity"/>), named for the charts.</summary>
    public sealed record ActivityView(string Scope, DateTimeOffset From, DateTimeOffset To, int Reports, IReadOnlyList<ActivityCountView> ByCategory,
        IReadOnlyList<ActivityCountView> ByChannel, IReadOnlyList<int> ByHour, IReadOnlyList<BacklogView> Backlog, IReadOnlyList<double[]> Points);

    /// <summary>The heat map's positions at most: the newest reports of the window.</summary>
    public const int MaxActivityPoints = 5_000;

    /// <summary>A case behind a figure: when it was counted, whether it met the indicator (a rate's numerator) and its value.</summary>
    public sealed record KpiCase(string IncidentId, DateTimeOffset At, bool Met, double Value, string? GridId, string? MemberId, string? Platform);

    public sealed record KpiCases(string Kpi, string? Key, int Total, int Met, IReadOnlyList<KpiCase> Items);

    /// <summary>
    /// The report as the API shows it: the grouping as a word; the total's composite and grade beside it; each row with its
    /// composite, grade (excellent, good, pass, fail; gradeName 优秀, 良好, 合格, 不合格) and rank.
    /// </summary>
    public static KpiReportView View(KpiReport report) => new(
        report.Scope, report.From, report.To, report.By.ToString().ToLowerInvariant(), report.Total,
        report.TotalScore?.Composite, GradeWord(report.TotalScore?.Grade), GradeName(report.TotalScore?.Grade),
        report.Rows.Select(r => new KpiRowView(r.Key, r.Kpis, r.Score?.Composite, GradeWord(r.Score?.Grade), GradeName(r.Score?.Grade), r.Score?.Rank)).ToList());

    public sealed record KpiReportView(string Scope, DateTimeOffset From, DateTimeOffset To, string By, KpiSet Total,
        double? Composite, string? Grade, string? GradeName, IReadOnlyList<KpiRowView> Rows);

    public sealed record KpiRowView(string Key, KpiSet Kpis, double? Composite, string? Grade, string? GradeName, int? Rank);

    private static string? GradeWord(KpiGrade? grade) => grade is { } g ? KpiGrades.Word(g) : null;
    private static string? GradeName(KpiGrade? grade) => grade is { } g ? KpiGrades.Chinese(g) : null;

    private static string Word(SlaLight light) => SlaLightWords.Word(light);

    public static KpiGrouping Grouping(Fields fields, string? by)
    {
        if (by is null) return KpiGrouping.Grid;
        if (Enum.TryParse<KpiGrouping>(by, ignoreCase: true, out var grouping) && !int.TryParse(by, out _)) return grouping;
        fields.Add("by", $"by must be grid, member, platform, reporter or channel, not \"{by}\".");
        return KpiGrouping.Grid;
    }
}
