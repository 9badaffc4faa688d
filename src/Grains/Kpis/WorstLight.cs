using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Kpis;

/// <summary>
/// The most alarming light an incident showed in its life up to a horizon, by the one light rule
/// (<see cref="SlaLightRule"/>): between two events the light runs by the earlier state's course, so the
/// worst is the worst of each stretch, up to the horizon. At the instant of an event the new state's light
/// shows, so a step that ended exactly at its deadline never showed red (and is on time for the KPIs too).
/// </summary>
public static class WorstLight
{
    public static SlaLight Of(IReadOnlyList<IncidentEvent> events, DateTimeOffset horizon)
    {
        var state = new IncidentState();
        var worst = SlaLight.Green;
        void Saw(SlaLight light) { if (light != SlaLight.None && light > worst) worst = light; }
        foreach (var e in events.TakeWhile(e => e.At <= horizon))
        {
            if (state.Exists) Saw(SlaLightRule.CourseOf(state).WorstBefore(e.At));
            state.Apply(e);
        }
        if (state.Exists) Saw(SlaLightRule.LightAt(state, horizon));
        return worst;
    }
}
