namespace CommandCenter.Grains.Kpis;

/// <summary>
/// How much each rate counts in the composite (综合指标值, configuration <c>Kpis:Weights:&lt;kpi&gt;</c>). Rates where
/// more is better count as they are; rework and extension count as 1 − rate (<see cref="KpiComposite"/>). Counts and
/// the mean handling time are not scored. The defaults add up to 100; weights need not. See docs/kpis.md.
/// </summary>
public sealed record KpiWeights
{
    public double GriddedOnTime { get; init; } = 5;
    public double DispatchedOnTime { get; init; } = 5;
    public double AccurateDispatch { get; init; } = 5;
    public double HandledOnTime { get; init; } = 15;
    public double Handled { get; init; } = 10;
    public double VerifiedOnTime { get; init; } = 5;
    public double ClosedOnTime { get; init; } = 10;
    public double Closure { get; init; } = 10;
    public double Rework { get; init; } = 5;
    public double Extension { get; init; } = 5;
    public double Satisfaction { get; init; } = 15;
    public double AccurateFiling { get; init; } = 5;
    public double ValidReports { get; init; } = 5;

    /// <summary>Every weight by its configuration name, in the order docs/kpis.md lists them.</summary>
    public IReadOnlyList<(string Name, double Value)> All =>
    [
        (nameof(GriddedOnTime), GriddedOnTime), (nameof(DispatchedOnTime), DispatchedOnTime), (nameof(AccurateDispatch), AccurateDispatch),
        (nameof(HandledOnTime), HandledOnTime), (nameof(Handled), Handled), (nameof(VerifiedOnTime), VerifiedOnTime),
        (nameof(ClosedOnTime), ClosedOnTime), (nameof(Closure), Closure), (nameof(Rework), Rework), (nameof(Extension), Extension),
        (nameof(Satisfaction), Satisfaction), (nameof(AccurateFiling), AccurateFiling), (nameof(ValidReports), ValidReports),
    ];

    /// <summary>What is wrong with the weights, each naming its key under <paramref name="section"/>, or nothing.</summary>
    public IReadOnlyList<string> Problems(string section = "Kpis:Weights")
    {
        var problems = All.Where(w => !double.IsFinite(w.Value) || w.Value < 0)
            .Select(w => $"{section}:{w.Name}: {w.Value} must be a number of 0 or more").ToList();
        if (problems.Count == 0 && All.Sum(w => w.Value) <= 0) problems.Add($"{section}: at least one weight must be more than 0");
        return problems;
    }
}
