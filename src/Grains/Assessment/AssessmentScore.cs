using CommandCenter.Grains.Kpis;

namespace CommandCenter.Grains.Assessment;

/// <summary>
/// 评后考核 for a period: a score of 0–100 from a member's or grid's KPIs. The composite's formula
/// (<see cref="KpiComposite"/>) with the assessment's own weights: the weighted mean of the KPI rates that
/// have data (a KPI nobody could score on does not drag the score down), times 100. No data at all: no score.
/// </summary>
public static class AssessmentScore
{
    public static double? Of(KpiSet kpis, AssessmentWeights weights) => KpiComposite.Of(kpis, weights.ToKpiWeights());
}
