using CommandCenter.Grains.Kpis;

namespace CommandCenter.Grains.Assessment;

/// <summary>
/// How much each KPI counts in a monthly score (configuration <c>Assessment:Weights:*</c>). Rates where
/// more is better count as they are; rework and extension rates count as 1 − rate. See docs/assessment.md.
/// </summary>
public sealed record AssessmentWeights
{
    public double GriddedOnTime { get; init; } = 10;
    public double AccurateDispatch { get; init; } = 10;
    public double HandledOnTime { get; init; } = 25;
    public double ClosedOnTime { get; init; } = 20;
    public double Rework { get; init; } = 15;
    public double Extension { get; init; } = 5;
    public double Satisfaction { get; init; } = 15;

    /// <summary>The same weights for the composite's formula; the indicators the assessment does not score weigh 0.</summary>
    public KpiWeights ToKpiWeights() => new()
    {
        GriddedOnTime = GriddedOnTime, AccurateDispatch = AccurateDispatch, HandledOnTime = HandledOnTime, ClosedOnTime = ClosedOnTime,
        Rework = Rework, Extension = Extension, Satisfaction = Satisfaction,
        DispatchedOnTime = 0, Handled = 0, VerifiedOnTime = 0, Closure = 0, AccurateFiling = 0, ValidReports = 0,
    };

    /// <summary>What is wrong with the weights, or nothing.</summary>
    public IReadOnlyList<string> Problems() => ToKpiWeights().Problems("Assessment:Weights");
}
