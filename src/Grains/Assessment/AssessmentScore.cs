using CommandCenter.Grains.Kpis;

namespace CommandCenter.Grains.Assessment;

/// <summary>
/// 评后考核 for a period: a score of 0–100 from a member's or grid's KPIs. The weighted mean of the
/// KPI rates that have data (a KPI nobody could score on does not drag the score down), times 100.
/// No data at all: no score.
/// </summary>
public static class AssessmentScore
{
    public static double? Of(KpiSet kpis, AssessmentWeights weights)
    {
        var parts = new (double? Rate, double Weight)[]
        {
            (kpis.GriddedOnTime.Rate, weights.GriddedOnTime),
            (kpis.AccurateDispatch.Rate, weights.AccurateDispatch),
            (kpis.HandledOnTime.Rate, weights.HandledOnTime),
            (kpis.ClosedOnTime.Rate, weights.ClosedOnTime),
            (1 - kpis.Rework.Rate, weights.Rework),
            (1 - kpis.Extension.Rate, weights.Extension),
            (kpis.Satisfaction.Rate, weights.Satisfaction),
        };
        var counted = parts.Where(p => p.Rate is not null && p.Weight > 0).ToList();
        var weight = counted.Sum(p => p.Weight);
        return weight <= 0 ? null : Math.Round(100 * counted.Sum(p => p.Rate!.Value * p.Weight) / weight, 2);
    }
}
