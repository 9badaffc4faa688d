namespace CommandCenter.Grains.Incidents;

/// <summary>
/// 评后考核: the score an incident earns its handler and grid, from its record alone.
/// 100, minus 10 per breached deadline, 10 per rework, 5 per return, 5 per approved extension,
/// plus 5 per satisfaction point above 3 (minus below); no answer counts as 3. Clamped to 0–100.
/// </summary>
public static class IncidentScore
{
    public static double Of(IncidentState state, int? satisfaction)
    {
        var breaches = state.History.Count(d => d.Breached) + state.SubTasks.Count(t => t.Deadline.Breached);
        var score = 100.0
                    - 10 * breaches
                    - 10 * state.Reworks
                    - 5 * state.Returns
                    - 5 * state.Extensions
                    + 5 * ((satisfaction ?? 3) - 3);
        return Math.Clamp(score, 0, 100);
    }
}
