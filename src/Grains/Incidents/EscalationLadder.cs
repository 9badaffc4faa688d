using CommandCenter.Grains.Members;

namespace CommandCenter.Grains.Incidents;

/// <summary>
/// The people the escalation ladder reaches for one incident, by where it is located: each breach climbs one rung,
/// and each rung names a person. 网格长 rung: the grid leader of the incident's grid (the leader whose home grid is
/// the deepest on the incident's chain); 督查员 rung: the inspector of its town (a 督查员 whose home grid is on the
/// chain); parent-grid rung: the grid leader one level up (or, where there is none, the grid's own leader again);
/// command-center rung: nobody in person, the center's walls (every wall of the scope shows the breach). A rung
/// with nobody named falls back to the assignee, so a breach always reaches someone's phone when someone has it.
/// </summary>
public sealed record EscalationLadder(string? GridLeader, string? ParentGridLeader, string? Inspector)
{
    public static readonly EscalationLadder Nobody = new(null, null, null);

    /// <summary>The person a breach at this rung notifies; null at the command-center rung or with nobody to reach.</summary>
    public string? PersonFor(EscalationRung rung, string? assignee) => rung switch
    {
        EscalationRung.GridLeader => GridLeader ?? assignee,
        EscalationRung.Supervisor => Inspector ?? GridLeader ?? assignee,
        EscalationRung.ParentGrid => ParentGridLeader ?? GridLeader ?? assignee,
        EscalationRung.CommandCenter => null,
        _ => assignee,
    };

    /// <param name="chain">The incident's grid chain, from its own grid up to the city.</param>
    /// <param name="team">The members of the grids on the chain.</param>
    public static EscalationLadder Of(IReadOnlyList<string> chain, IEnumerable<MemberProfile> team)
    {
        var members = team.ToList();
        string? First(MemberRole role, int from, out int at)
        {
            for (at = from; at < chain.Count; at++)
            {
                var grid = chain[at];
                if (members.Where(m => m.Role == role && m.GridId == grid).OrderBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault() is { } found)
                    return found.Id;
            }
            return null;
        }
        var leader = First(MemberRole.GridLeader, 0, out var level);
        var parent = leader is null ? null : First(MemberRole.GridLeader, level + 1, out _);
        var inspector = First(MemberRole.Supervisor, 0, out _);
        return new EscalationLadder(leader, parent, inspector);
    }
}
