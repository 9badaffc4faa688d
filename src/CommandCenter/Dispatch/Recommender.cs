using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Dispatch;
using CommandCenter.Grains.Grids;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Members;

namespace CommandCenter.Dispatch;

/// <summary>Gathers the members of an incident's grid chain with their workloads and ranks them.</summary>
public sealed class Recommender(IGrainFactory grains, IIncidentLedger ledger, CategoryCatalogue catalogue, TimeProvider clock)
{
    public async Task<Ranking?> For(IncidentState incident)
    {
        if (incident.Placement is not { } placement || catalogue.Find(incident.Report!.Category) is not { } category) return null;
        var memberIds = (await Task.WhenAll(placement.Chain.Select(g => grains.GetGrain<IGridGrain>(g).GetMemberIds())))
            .SelectMany(ids => ids).Distinct().ToList();
        var members = await Task.WhenAll(memberIds.Select(async id =>
        {
            var snapshot = await grains.GetGrain<IMemberGrain>(id).GetSnapshot();
            var workload = snapshot is null ? 0 : (await ledger.OpenAssignedTo(id)).Count(s => s.Id != incident.Id);
            return (snapshot, workload);
        }));
        return DispatchRanking.Rank(placement.Chain, category.Platform, incident.Report.Lat, incident.Report.Lon,
            members.Where(m => m.snapshot is not null).Select(m => (m.snapshot!, m.workload)), clock.GetUtcNow());
    }
}
