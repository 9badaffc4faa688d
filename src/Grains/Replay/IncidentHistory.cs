using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Replay;

/// <summary>
/// An incident as it stood at an instant, from its ledger alone: the fold of the events up to and
/// including that instant, and the SLA light the wall showed then. The live API uses the same light
/// rule, so a replay at T shows what the live system showed at T.
/// </summary>
public static class IncidentHistory
{
    /// <summary>The state at <paramref name="at"/>, or null when the incident had not been reported yet.</summary>
    public static IncidentState? StateAt(IEnumerable<IncidentEvent> events, DateTimeOffset at)
    {
        // Events are in sequence order and their instants never go back, so the fold can stop early.
        var state = IncidentState.Fold(events.TakeWhile(e => e.At <= at));
        return state.Exists ? state : null;
    }

    /// <summary>
    /// The light of the step in progress at <paramref name="at"/>, or null when no clock runs (closed,
    /// cancelled). A breached deadline stays red; a suspended clock shows the colour it had when it stopped.
    /// </summary>
    public static SlaLight? LightAt(IncidentState state, SlaPolicy policy, DateTimeOffset at)
    {
        if (state.Active is not { } active) return null;
        if (active.Breached) return SlaLight.Red;
        var running = state.IsOpen && state.Status != IncidentStatus.Suspended;
        return policy.LightAt(active.Deadline, running ? at : state.SuspendedAt ?? at);
    }

    /// <summary>Open at the instant and red: the step in progress is past its deadline.</summary>
    public static bool IsOverdueAt(IncidentState state, SlaPolicy policy, DateTimeOffset at) =>
        state.IsOpen && LightAt(state, policy, at) == SlaLight.Red;

    /// <summary>Whether the incident lies in the grid's subtree at the instant (the city holds every incident, located or not).</summary>
    public static bool IsWithin(IncidentState state, string scopeGridId, string cityGridId) =>
        scopeGridId == cityGridId || (state.Placement?.Chain.Contains(scopeGridId) ?? false);
}
