using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Replay;

/// <summary>
/// An incident as it stood at an instant, from its ledger alone: the fold of the events up to and
/// including that instant. Its light at that instant is <see cref="SlaLightRule.LightAt"/>, the rule the
/// live API uses too, so a replay at T shows what the live system showed at T.
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

    /// <summary>Whether the incident lies in the grid's subtree at the instant (the city holds every incident, located or not).</summary>
    public static bool IsWithin(IncidentState state, string scopeGridId, string cityGridId) =>
        scopeGridId == cityGridId || (state.Placement?.Chain.Contains(scopeGridId) ?? false);
}
