using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Kpis;

/// <summary>An incident whose worst light would have been different under the other policy.</summary>
public sealed record LightChange(string IncidentId, string? GridId, SlaLight Actual, SlaLight Alternative);

/// <summary>One KPI under both policies.</summary>
public sealed record KpiDifference(string Kpi, double? Actual, double? Alternative, double? Change);

/// <summary>A window replayed under another SLA policy: both KPI reports, their differences and the incidents whose lights change.</summary>
public sealed record WhatIfResult(KpiReport Actual, KpiReport Alternative, IReadOnlyList<KpiDifference> Differences, IReadOnlyList<LightChange> LightChanges)
{
    public static WhatIfResult Of(
        IReadOnlyList<IReadOnlyList<IncidentEvent>> logs, SlaPolicy actualPolicy, SlaPolicy alternative, CategoryCatalogue catalogue,
        string scope, DateTimeOffset from, DateTimeOffset to, KpiGrouping by, DateTimeOffset horizon, KpiScoring? scoring = null)
    {
        var inScope = logs.Where(log => IncidentState.Fold(log).Placement?.Chain.Contains(scope) ?? false).ToList();
        var rerun = inScope.Select(log => PolicyRerun.Rerun(log, alternative, catalogue)).ToList();
        // The actual side is judged by the same rules (instants, not the clock's events), so only the policy differs.
        var actual = KpiReport.Of(inScope.SelectMany(l => KpiObserver.Observe(l, actualPolicy.Calendar, catalogue)), scope, from, to, by, scoring);
        var other = KpiReport.Of(rerun.SelectMany(l => KpiObserver.Observe(l, alternative.Calendar, catalogue)), scope, from, to, by, scoring);

        var changes = new List<LightChange>();
        for (var i = 0; i < inScope.Count; i++)
        {
            var before = WorstLight.Of(inScope[i], horizon);
            var after = WorstLight.Of(rerun[i], horizon);
            if (before != after)
                changes.Add(new LightChange(inScope[i][0].IncidentId, IncidentState.Fold(inScope[i]).Placement?.GridId, before, after));
        }
        return new WhatIfResult(actual, other, Compare(actual.Total, other.Total, actual.TotalScore, other.TotalScore), changes);
    }

    /// <summary>Every indicator of the two sets, in the order docs/kpis.md lists them, and the composite last.</summary>
    public static IReadOnlyList<KpiDifference> Compare(KpiSet a, KpiSet b, KpiScore? aScore = null, KpiScore? bScore = null)
    {
        KpiDifference D(string name, double? x, double? y) => new(name, x, y, x is null || y is null ? null : Math.Round(y.Value - x.Value, 4));
        return
        [
            D("griddedOnTime", a.GriddedOnTime.Rate, b.GriddedOnTime.Rate),
            D("accurateDispatch", a.AccurateDispatch.Rate, b.AccurateDispatch.Rate),
            D("handledOnTime", a.HandledOnTime.Rate, b.HandledOnTime.Rate),
            D("closedOnTime", a.ClosedOnTime.Rate, b.ClosedOnTime.Rate),
            D("rework", a.Rework.Rate, b.Rework.Rate),
            D("extension", a.Extension.Rate, b.Extension.Rate),
            D("handlingHours", a.HandlingHours.Mean, b.HandlingHours.Mean),
            D("satisfaction", a.Satisfaction.Rate, b.Satisfaction.Rate),
            D("supervision", a.Supervision, b.Supervision),
            D("dispatchedOnTime", a.DispatchedOnTime.Rate, b.DispatchedOnTime.Rate),
            D("verifiedOnTime", a.VerifiedOnTime.Rate, b.VerifiedOnTime.Rate),
            D("closure", a.Closure.Rate, b.Closure.Rate),
            D("handled", a.Handled.Rate, b.Handled.Rate),
            D("handledLate", a.HandledLate, b.HandledLate),
            D("filed", a.Filed, b.Filed),
            D("accurateFiling", a.AccurateFiling.Rate, b.AccurateFiling.Rate),
            D("validReports", a.ValidReports.Rate, b.ValidReports.Rate),
            D("composite", aScore?.Composite, bScore?.Composite),
        ];
    }
}
