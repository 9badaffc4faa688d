namespace CommandCenter.Grains.Kpis;

/// <summary>A rate: how many of how many. No denominator, no rate (null), never a made-up 0 or 100 %.</summary>
[GenerateSerializer, Alias("KpiRatio")]
public sealed record KpiRatio([property: Id(0)] int Numerator, [property: Id(1)] int Denominator)
{
    public double? Rate => Denominator == 0 ? null : Math.Round((double)Numerator / Denominator, 4);
}

/// <summary>A mean over <see cref="Count"/> values; null with none.</summary>
[GenerateSerializer, Alias("KpiMean")]
public sealed record KpiMean([property: Id(0)] int Count, [property: Id(1)] double Total)
{
    public double? Mean => Count == 0 ? null : Math.Round(Total / Count, 4);
}

/// <summary>All indicators of one group (a grid subtree, a member, a platform) over one period.</summary>
[GenerateSerializer, Alias("KpiSet")]
public sealed record KpiSet(
    [property: Id(0)] KpiRatio GriddedOnTime,
    [property: Id(1)] KpiRatio AccurateDispatch,
    [property: Id(2)] KpiRatio HandledOnTime,
    [property: Id(3)] KpiRatio ClosedOnTime,
    [property: Id(4)] KpiRatio Rework,
    [property: Id(5)] KpiRatio Extension,
    [property: Id(6)] KpiMean HandlingHours,
    [property: Id(7)] KpiRatio Satisfaction,
    [property: Id(8)] int Supervision,
    [property: Id(9)] KpiRatio DispatchedOnTime,
    [property: Id(10)] KpiRatio VerifiedOnTime,
    [property: Id(11)] KpiRatio Closure,
    [property: Id(12)] KpiRatio Handled,
    [property: Id(13)] int HandledLate,
    [property: Id(14)] int Filed,
    [property: Id(15)] KpiRatio AccurateFiling,
    [property: Id(16)] KpiRatio ValidReports)
{
    public static KpiSet Of(IEnumerable<KpiObservation> observations)
    {
        var list = observations as IReadOnlyCollection<KpiObservation> ?? observations.ToList();
        KpiRatio Ratio(KpiKind kind)
        {
            var of = list.Where(o => o.Kind == kind).ToList();
            return new KpiRatio(of.Count(o => o.Value > 0), of.Count);
        }
        var handling = list.Where(o => o.Kind == KpiKind.HandlingTime).ToList();
        return new KpiSet(
            Ratio(KpiKind.GriddedOnTime), Ratio(KpiKind.AccurateDispatch), Ratio(KpiKind.HandledOnTime), Ratio(KpiKind.ClosedOnTime),
            Ratio(KpiKind.Rework), Ratio(KpiKind.Extension), new KpiMean(handling.Count, handling.Sum(o => o.Value)), Ratio(KpiKind.Satisfaction),
            list.Count(o => o.Kind == KpiKind.Supervision),
            Ratio(KpiKind.DispatchedOnTime), Ratio(KpiKind.VerifiedOnTime), Ratio(KpiKind.Closure), Ratio(KpiKind.Handled),
            // 超期处置数: results reported after the handling deadline; 立案数: cases located to a grid.
            list.Count(o => o.Kind == KpiKind.HandledOnTime && o.Value <= 0), list.Count(o => o.Kind == KpiKind.GriddedOnTime),
            Ratio(KpiKind.AccurateFiling), Ratio(KpiKind.ValidReport));
    }
}
