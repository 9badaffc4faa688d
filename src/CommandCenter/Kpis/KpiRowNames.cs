using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grains.Members;

namespace CommandCenter.Kpis;

/// <summary>The names a KPI table shows beside its rows' keys: a grid's name from the hierarchy, a member's from its profile.</summary>
public static class KpiRowNames
{
    public static async Task<IReadOnlyDictionary<string, string>> Of(KpiGrouping grouping, IEnumerable<string> keys, GridHierarchy hierarchy, IGrainFactory grains)
    {
        var list = keys.ToList();
        if (grouping != KpiGrouping.Member)
            return list.ToDictionary(k => k, k => hierarchy.Find(k)?.Name ?? k, StringComparer.Ordinal);
        var members = await Task.WhenAll(list.Select(k => grains.GetGrain<IMemberGrain>(k).GetSnapshot()));
        return members.OfType<MemberSnapshot>().ToDictionary(m => m.Profile.Id, m => m.Profile.Name, StringComparer.Ordinal);
    }
}
