using CommandCenter.Grains.Grids;

namespace CommandCenter.Grains.Members;

/// <summary>
/// The people of some grids: each grid grain names the members whose home grid it is, each member grain gives its
/// profile, duty and last position. The one lookup behind every team a rule needs (dispatch ranking, the escalation
/// ladder, an informant's worker, the inspection draw, the members list); the grids are read in parallel.
/// </summary>
public static class Teams
{
    public static async Task<IReadOnlyList<MemberSnapshot>> Of(IGrainFactory grains, IEnumerable<string> gridIds)
    {
        var ids = (await Task.WhenAll(gridIds.Distinct(StringComparer.Ordinal).Select(g => grains.GetGrain<IGridGrain>(g).GetMemberIds())))
            .SelectMany(m => m).Distinct(StringComparer.Ordinal).ToList();
        var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<IMemberGrain>(id).GetSnapshot()));
        return snapshots.OfType<MemberSnapshot>().ToList();
    }
}
