using CommandCenter.Grains.Kpis;

namespace CommandCenter.Kpis;

/// <summary>
/// The composite's weights (<c>Kpis:Weights:&lt;kpi&gt;</c>) and the grades' thresholds (<c>Kpis:Grades:Excellent|Good|Pass</c>)
/// from configuration, the defaults of <see cref="KpiWeights"/> and <see cref="KpiGrades"/> for what is not set. A bad value
/// (negative, not a number, all weights 0, thresholds out of 0–100 or out of order) stops the center at start-up naming the key.
/// </summary>
public static class KpiScoringSettings
{
    public static KpiScoring Read(IConfiguration configuration)
    {
        KpiWeights weights;
        KpiGrades grades;
        try
        {
            weights = configuration.GetSection("Kpis:Weights").Get<KpiWeights>() ?? new KpiWeights();
            grades = configuration.GetSection("Kpis:Grades").Get<KpiGrades>() ?? new KpiGrades();
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key whose value is not a number.
            throw new InvalidOperationException("KPI weights or grades are invalid: " + e.Message, e);
        }
        var scoring = new KpiScoring(weights, grades);
        if (scoring.Problems() is { Count: > 0 } problems)
            throw new InvalidOperationException("KPI weights or grades are invalid: " + string.Join("; ", problems));
        return scoring;
    }
}
