using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Kpis;

/// <summary>
/// The most alarming light an incident showed in its life up to a horizon: red if any step ran to its
/// deadline, yellow if any reached its warning, else green. A step that ended exactly at its deadline
/// counts as red, as the wall showed it at that instant.
/// </summary>
public static class WorstLight
{
    public static SlaLight Of(IReadOnlyList<IncidentEvent> events, SlaPolicy policy, DateTimeOffset horizon)
    {
        var state = IncidentState.Fold(events.TakeWhile(e => e.At <= horizon));
        var worst = SlaLight.Green;
        foreach (var record in state.History)
        {
            var end = record.EndedAt ?? (state.Status == IncidentStatus.Suspended && record == state.Active ? state.SuspendedAt ?? horizon : horizon);
            var light = record.Breached ? SlaLight.Red : policy.LightAt(record.Deadline, end);
            if (light > worst) worst = light;
        }
        return worst;
    }
}
