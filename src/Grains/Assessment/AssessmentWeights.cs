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

    /// <summary>What is wrong with the weights, or nothing.</summary>
    public IReadOnlyList<string> Problems()
    {
        var all = new (string Name, double Value)[]
        {
            (nameof(GriddedOnTime), GriddedOnTime), (nameof(AccurateDispatch), AccurateDispatch), (nameof(HandledOnTime), HandledOnTime),
            (nameof(ClosedOnTime), ClosedOnTime), (nameof(Rework), Rework), (nameof(Extension), Extension), (nameof(Satisfaction), Satisfaction),
        };
        var problems = all.Where(w => !double.IsFinite(w.Value) || w.Value < 0)
            .Select(w => $"Assessment:Weights:{w.Name}: {w.Value} must be a number of 0 or more").ToList();
        if (problems.Count == 0 && all.Sum(w => w.Value) <= 0) problems.Add("Assessment:Weights: at least one weight must be more than 0");
        return problems;
    }
}
