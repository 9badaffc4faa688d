namespace CommandCenter.Grains.Kpis;

/// <summary>
/// 综合指标值: a score of 0–100 from a group's rates, the one formula (the monthly assessment uses it too, with its own
/// weights): 100 × Σ wᵢ·vᵢ / Σ wᵢ over the rates that have a value, vᵢ the rate, or 1 − rate for rework and extension
/// (less is better). A rate without a denominator is left out of both sums (missing data neither rewards nor punishes);
/// nothing to score, no composite. Rounded to two decimals.
/// </summary>
public static class KpiComposite
{
    public static double? Of(KpiSet kpis, KpiWeights weights)
    {
        var parts = new (double? Value, double Weight)[]
        {
            (kpis.GriddedOnTime.Rate, weights.GriddedOnTime),
            (kpis.DispatchedOnTime?.Rate, weights.DispatchedOnTime),
            (kpis.AccurateDispatch.Rate, weights.AccurateDispatch),
            (kpis.HandledOnTime.Rate, weights.HandledOnTime),
            (kpis.Handled?.Rate, weights.Handled),
            (kpis.VerifiedOnTime?.Rate, weights.VerifiedOnTime),
            (kpis.ClosedOnTime.Rate, weights.ClosedOnTime),
            (kpis.Closure?.Rate, weights.Closure),
            (1 - kpis.Rework.Rate, weights.Rework),
            (1 - kpis.Extension.Rate, weights.Extension),
            (kpis.Satisfaction.Rate, weights.Satisfaction),
            (kpis.AccurateFiling?.Rate, weights.AccurateFiling),
            (kpis.ValidReports?.Rate, weights.ValidReports),
        };
        var counted = parts.Where(p => p.Value is not null && p.Weight > 0).ToList();
        var weight = counted.Sum(p => p.Weight);
        return weight <= 0 ? null : Math.Round(100 * counted.Sum(p => p.Value!.Value * p.Weight) / weight, 2);
    }
}

/// <summary>A group's composite, its grade, and its rank among the groups of a report (1 the best; equal composites share a rank).</summary>
[GenerateSerializer, Alias("KpiScore")]
public sealed record KpiScore([property: Id(0)] double? Composite, [property: Id(1)] KpiGrade? Grade, [property: Id(2)] int? Rank);

/// <summary>How groups are scored: the composite's weights and the grades' thresholds (configuration <c>Kpis:Weights</c>, <c>Kpis:Grades</c>).</summary>
public sealed record KpiScoring(KpiWeights Weights, KpiGrades Grades)
{
    public static readonly KpiScoring Default = new(new KpiWeights(), new KpiGrades());

    public IReadOnlyList<string> Problems() => [.. Weights.Problems(), .. Grades.Problems()];

    public KpiScore Score(KpiSet kpis, int? rank = null)
    {
        var composite = KpiComposite.Of(kpis, Weights);
        return new KpiScore(composite, Grades.Of(composite), rank);
    }

    /// <summary>
    /// Ranks by composite, highest first (competition ranking: 95, 95, 80 rank 1, 1, 3); a group without a composite has no rank.
    /// </summary>
    public IReadOnlyList<KpiScore> Rank(IReadOnlyList<KpiSet> groups)
    {
        var composites = groups.Select(g => KpiComposite.Of(g, Weights)).ToList();
        return composites.Select(c => new KpiScore(c, Grades.Of(c), c is { } mine ? 1 + composites.Count(o => o > mine) : null)).ToList();
    }
}
