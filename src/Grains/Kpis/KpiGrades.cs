namespace CommandCenter.Grains.Kpis;

/// <summary>A composite's grade (等级).</summary>
public enum KpiGrade
{
    /// <summary>优秀</summary>
    Excellent,
    /// <summary>良好</summary>
    Good,
    /// <summary>合格</summary>
    Pass,
    /// <summary>不合格</summary>
    Fail,
}

/// <summary>
/// Where the grades begin (configuration <c>Kpis:Grades:Excellent|Good|Pass</c>): a composite of at least
/// <see cref="Excellent"/> is 优秀, of at least <see cref="Good"/> 良好, of at least <see cref="Pass"/> 合格, below it 不合格.
/// </summary>
public sealed record KpiGrades
{
    public double Excellent { get; init; } = 90;
    public double Good { get; init; } = 80;
    public double Pass { get; init; } = 60;

    /// <summary>The grade of a composite; no composite, no grade.</summary>
    public KpiGrade? Of(double? composite) => composite switch
    {
        null => null,
        var c when c >= Excellent => KpiGrade.Excellent,
        var c when c >= Good => KpiGrade.Good,
        var c when c >= Pass => KpiGrade.Pass,
        _ => KpiGrade.Fail,
    };

    /// <summary>The grade's word in the API (lower case English) and its name on the page.</summary>
    public static string Word(KpiGrade grade) => grade.ToString().ToLowerInvariant();

    public static string Chinese(KpiGrade grade) => grade switch
    {
        KpiGrade.Excellent => "优秀",
        KpiGrade.Good => "良好",
        KpiGrade.Pass => "合格",
        _ => "不合格",
    };

    /// <summary>What is wrong with the thresholds, each naming its key, or nothing.</summary>
    public IReadOnlyList<string> Problems(string section = "Kpis:Grades")
    {
        var all = new (string Name, double Value)[] { (nameof(Excellent), Excellent), (nameof(Good), Good), (nameof(Pass), Pass) };
        var problems = all.Where(t => !double.IsFinite(t.Value) || t.Value < 0 || t.Value > 100)
            .Select(t => $"{section}:{t.Name}: {t.Value} must be a number from 0 to 100").ToList();
        if (problems.Count == 0 && !(Excellent >= Good && Good >= Pass))
            problems.Add($"{section}: Excellent ({Excellent}) ≥ Good ({Good}) ≥ Pass ({Pass}) must hold");
        return problems;
    }
}
