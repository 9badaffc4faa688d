using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Members;

namespace CommandCenter.Grains.Dispatch;

/// <summary>A member who could take the incident, with its score and the reasons for it.</summary>
public sealed record Candidate(MemberSnapshot Member, int OpenWorkload, int GridDistance, double? Metres, double Score, IReadOnlyList<string> Reasons);

/// <summary>A member left out, and why.</summary>
public sealed record Excluded(MemberSnapshot Member, string Reason);

public sealed record Ranking(IReadOnlyList<Candidate> Candidates, IReadOnlyList<Excluded> Excluded);

/// <summary>
/// Who should take an incident: members of its grid first, then of the grids above; on duty;
/// whose role fits the category's platform; with little open work; near it by a fresh position.
/// Every point of the score comes with its reason so an operator can see why.
/// </summary>
public static class DispatchRanking
{
    public static readonly TimeSpan FreshLocation = TimeSpan.FromMinutes(30);
    private const double NearbyMetres = 3_000;

    /// <param name="chain">The incident's grid and its ancestors, deepest first.</param>
    /// <param name="members">Each member with its open workload.</param>
    public static Ranking Rank(IReadOnlyList<string> chain, Platform platform, double? lat, double? lon,
        IEnumerable<(MemberSnapshot Member, int OpenWorkload)> members, DateTimeOffset now)
    {
        var candidates = new List<Candidate>();
        var excluded = new List<Excluded>();
        foreach (var (member, workload) in members)
        {
            var gridDistance = IndexOf(chain, member.Profile.GridId);
            if (gridDistance < 0) { excluded.Add(new Excluded(member, "Home grid is not on the incident's grid chain.")); continue; }
            if (member.Duty == DutyState.Off) { excluded.Add(new Excluded(member, "Off duty.")); continue; }
            if (member.LastLocation is not { } fix)
            {
                excluded.Add(new Excluded(member, "No known position."));
                continue;
            }
            if (now - fix.At > FreshLocation)
            {
                excluded.Add(new Excluded(member, $"Position is {(now - fix.At).TotalMinutes:0} min old (older than {FreshLocation.TotalMinutes:0} min)."));
                continue;
            }

            var reasons = new List<string>();
            double score = 0;
            void Add(double points, string why)
            {
                score += points;
                reasons.Add($"{(points >= 0 ? "+" : "")}{points:0.#} {why}");
            }

            Add(gridDistance switch { 0 => 40, 1 => 25, 2 => 10, _ => 5 },
                gridDistance == 0 ? "works in the incident's own grid" : $"works {gridDistance} level(s) above the incident's grid");
            var fit = RoleFit(member.Profile.Role, platform);
            if (fit != 0) Add(fit, $"{member.Profile.Role} fits {platform} work");
            if (member.Duty == DutyState.Busy) Add(-15, "busy with other work");
            if (workload > 0) Add(-8 * workload, $"{workload} open incident(s) already");
            double? metres = null;
            if (lat is { } la && lon is { } lo)
            {
                metres = GeoDistance.Metres(la, lo, fix.Lat, fix.Lon);
                var near = 30 * Math.Max(0, 1 - metres.Value / NearbyMetres);
                Add(Math.Round(near, 1), $"{metres.Value:0} m away");
            }
            candidates.Add(new Candidate(member, workload, gridDistance, metres, Math.Round(score, 1), reasons));
        }
        return new Ranking(
            candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Metres ?? double.MaxValue).ThenBy(c => c.Member.Profile.Id, StringComparer.Ordinal).ToList(),
            excluded);
    }

    private static int IndexOf(IReadOnlyList<string> chain, string gridId)
    {
        for (var i = 0; i < chain.Count; i++) if (chain[i] == gridId) return i;
        return -1;
    }

    /// <summary>Which roles do which platform's work in the field.</summary>
    public static double RoleFit(MemberRole role, Platform platform) => (role, platform) switch
    {
        (MemberRole.GridWorker, _) => 20,
        (MemberRole.GridLeader, _) => 10,
        (MemberRole.Patroller, Platform.LawEnforcement or Platform.PublicSafety) => 15,
        (MemberRole.Liaison, Platform.CitizenServices or Platform.PublicSafety) => 10,
        (MemberRole.Informant, Platform.MarketSupervision) => 10,
        (MemberRole.Supervisor, _) => -20, // supervisors check work; they should not be the ones doing it
        _ => 0,
    };
}
