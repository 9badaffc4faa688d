using CommandCenter.Grains.Incidents;

namespace CommandCenter.Grains.Members;

/// <summary>
/// 信息员 report what they see to their grid's worker: a report an informant makes goes straight to the 网格员 of
/// the block it was located to, or, when the block has none, of the nearest grid above it that has one. The
/// worker with the smallest member id is taken, so the same block always routes to the same person.
/// </summary>
public static class InformantRouting
{
    /// <param name="placement">Where the report was located, its chain from the block up.</param>
    /// <param name="team">The members of the grids on the chain that were looked up (at least the block's and its village's).</param>
    public static string? WorkerFor(GridPlacement placement, IEnumerable<MemberProfile> team)
    {
        var workers = team.Where(m => m.Role == MemberRole.GridWorker).ToList();
        foreach (var grid in placement.Chain)
        {
            var worker = workers.Where(m => m.GridId == grid).OrderBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault();
            if (worker is not null) return worker.Id;
        }
        return null;
    }
}
