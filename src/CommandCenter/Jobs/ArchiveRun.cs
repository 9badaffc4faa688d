using CommandCenter.Grains.Incidents;

namespace CommandCenter.Jobs;

/// <summary>归档入云: seals every filed incident (step 8 → 9). Run nightly; an admin can run it at once.</summary>
public sealed class ArchiveRun(IIncidentLedger ledger, IGrainFactory grains, TimeProvider clock)
{
    public async Task<int> ArchiveAllFiled(Actor actor)
    {
        var archived = 0;
        while (true)
        {
            var page = await ledger.Query(new IncidentQuery(null, IncidentStatus.Filed, null, null, null, clock.GetUtcNow(), 0, 500));
            if (page.Items.Count == 0) return archived;
            foreach (var summary in page.Items)
            {
                var outcome = await grains.GetGrain<IIncidentGrain>(summary.Id).Act(new IncidentCommand(IncidentAction.Archive), actor);
                if (outcome.Accepted) archived++;
            }
        }
    }
}
