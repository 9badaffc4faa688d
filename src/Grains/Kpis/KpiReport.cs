namespace CommandCenter.Grains.Kpis;

/// <summary>One row of a KPI report: a grid, member, platform, reporter or channel, its indicators, and its composite, grade and rank.</summary>
[GenerateSerializer, Alias("KpiRow")]
public sealed record KpiRow([property: Id(0)] string Key, [property: Id(1)] KpiSet Kpis, [property: Id(2)] KpiScore? Score = null);

/// <summary>The KPIs of a scope over a period: the total and the rows of the chosen breakdown.</summary>
[GenerateSerializer, Alias("KpiReport")]
public sealed record KpiReport(
    [property: Id(0)] string Scope,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] KpiGrouping By,
    [property: Id(4)] KpiSet Total,
    [property: Id(5)] IReadOnlyList<KpiRow> Rows,
    [property: Id(6)] KpiScore? TotalScore = null)
{
    /// <summary>
    /// Counts the observations made in from ≤ at &lt; to within the scope's subtree, in total and by the
    /// grouping; each row and the total scored (<see cref="KpiScoring"/>, the defaults when none is given), the rows ranked
    /// among themselves.
    /// </summary>
    public static KpiReport Of(IEnumerable<KpiObservation> observations, string scope, DateTimeOffset from, DateTimeOffset to, KpiGrouping by,
        KpiScoring? scoring = null)
    {
        scoring ??= KpiScoring.Default;
        var inScope = observations.Where(o => o.At >= from && o.At < to && o.GridChain.Contains(scope)).ToList();
        var rows = inScope
            .Select(o => (Key: KeyOf(o, scope, by), Observation: o))
            .Where(x => x.Key is not null)
            .GroupBy(x => x.Key!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KpiRow(g.Key, KpiSet.Of(g.Select(x => x.Observation))))
            .ToList();
        var scores = scoring.Rank(rows.Select(r => r.Kpis).ToList());
        var total = KpiSet.Of(inScope);
        return new KpiReport(scope, from, to, by, total, rows.Select((r, i) => r with { Score = scores[i] }).ToList(), scoring.Score(total));
    }

    /// <summary>The KPIs of every grid with observations in [from, to), each over its whole subtree (an observation counts for every grid of its chain).</summary>
    public static IReadOnlyDictionary<string, KpiSet> BySubtree(IEnumerable<KpiObservation> observations, DateTimeOffset from, DateTimeOffset to) =>
        observations.Where(o => o.At >= from && o.At < to)
            .SelectMany(o => o.GridChain.Select(grid => (Grid: grid, Observation: o)))
            .GroupBy(x => x.Grid, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => KpiSet.Of(g.Select(x => x.Observation)), StringComparer.Ordinal);

    /// <summary>The KPIs of every member with observations in [from, to).</summary>
    public static IReadOnlyDictionary<string, KpiSet> ByMember(IEnumerable<KpiObservation> observations, DateTimeOffset from, DateTimeOffset to) =>
        observations.Where(o => o.At >= from && o.At < to && o.MemberId is not null)
            .GroupBy(o => o.MemberId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => KpiSet.Of(g), StringComparer.Ordinal);

    /// <summary>
    /// The observations behind one figure of this report: the indicator <paramref name="kind"/> in the scope over the
    /// period, of one row (<paramref name="key"/>, by the same grouping the report's rows are made by) or of the total.
    /// A supervisor's click on a figure lists exactly these cases.
    /// </summary>
    public static IReadOnlyList<KpiObservation> Behind(IEnumerable<KpiObservation> observations, string scope, DateTimeOffset from, DateTimeOffset to,
        KpiGrouping by, string? key, KpiKind kind) =>
        observations.Where(o => o.Kind == kind && o.At >= from && o.At < to && o.GridChain.Contains(scope)
                                && (key is null || KeyOf(o, scope, by) == key))
            .OrderBy(o => o.At).ToList();

    private static string? KeyOf(KpiObservation o, string scope, KpiGrouping by) => by switch
    {
        // The chain runs deepest first up to the city: the grid just below the scope is one step before it.
        KpiGrouping.Grid => o.GridChain.ToList().IndexOf(scope) is var i and > 0 ? o.GridChain[i - 1] : scope,
        KpiGrouping.Member => o.MemberId,
        KpiGrouping.Reporter => o.Reporter,
        KpiGrouping.Channel => o.Channel,
        _ => o.Platform?.ToString(),
    };
}
