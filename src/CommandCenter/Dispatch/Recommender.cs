using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Dispatch;
using CommandCenter.Grains.Grids;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Members;

namespace CommandCenter.Dispatch;

/// <summary>Gathers the members of an incident's grid chain with their workloads and ranks them.</summary>
public sealed class Recommender(IGrainFactory grains, IIncidentLedger ledger, ICityRules rules, TimeProvider clock)
{
    private CategoryCatalogue catalogue => rules.Catalogue;

    public async Task<Ranking?> For(IncidentState incident)
    {
        if (incident.Placement is not { } placement || catalogue.Find(incident.Report!.Category) is not { } category) return null;
        var team = await Teams.Of(grains, placement.Chain);
        var members = await Task.WhenAll(team.Select(async snapshot =>
            (snapshot, workload: (await ledger.OpenAssignedTo(snapshot.Profile.Id)).Count(s => s.Id != incident.Id))));
        return DispatchRanking.Rank(placement.Chain, category.Platform, incident.Report.Lat, incident.Report.Lon, members, clock.GetUtcNow());
    }
}
