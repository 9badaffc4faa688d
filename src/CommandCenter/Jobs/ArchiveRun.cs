using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Archive;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Jobs;

/// <summary>
/// 归档入云: seals every filed incident (step 8 → 9). Run nightly; an admin can run it at once.
/// The Archive event is appended first (through the incident, so its live state agrees), then the
/// whole record, Archive event included, is sealed into the day's file, then the index row is written
/// and the hot events dropped in one transaction. A run cut short anywhere is finished by the next:
/// incidents archived but still hot are sealed again (a duplicate record in a file is harmless, the
/// index points at one).
/// </summary>
public sealed class ArchiveRun(
    IIncidentLedger ledger, IArchiveIndex index, IArchiveStore archive, IGrainFactory grains, ICityRules rules, TimeProvider clock,
    ILogger<ArchiveRun> log)
{
    private SlaPolicy policy => rules.Policy;

    private const int Batch = 200;

    public sealed record Result(int Archived, int Sealed, string? File);

    public async Task<Result> ArchiveAllFiled(Actor actor, CancellationToken cancellationToken = default)
    {
        var archived = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await ledger.Query(new IncidentQuery(null, IncidentStatus.Filed, null, null, null, clock.GetUtcNow(), 0, Batch));
            if (page.Items.Count == 0) break;
            var before = archived;
            foreach (var summary in page.Items)
            {
                var outcome = await grains.GetGrain<IIncidentGrain>(summary.Id).Act(new IncidentCommand(IncidentAction.Archive), actor);
                if (outcome.Accepted) archived++;
            }
            if (archived == before) break;
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), policy.Calendar.TimeZone).DateTime);
        var sealedCount = 0;
        string? file = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var ids = await index.ArchivedButStillHot(Batch);
            if (ids.Count == 0) break;
            var records = new List<IReadOnlyList<IncidentEvent>>();
            foreach (var id in ids)
            {
                var events = await ledger.Read(id);
                if (events.Count > 0) records.Add(events);
            }
            if (records.Count == 0) break;
            var locations = await archive.Seal(day, records, cancellationToken);
            for (var i = 0; i < records.Count; i++)
                await index.Move(records[i][0].IncidentId, locations[i], records[i][0].At, records[i][^1].At);
            sealedCount += records.Count;
            file = locations[0].File;
        }
        if (sealedCount > 0) log.LogInformation("Archived {Archived} incidents, sealed {Sealed} into {File}", archived, sealedCount, file);
        return new Result(archived, sealedCount, file);
    }
}
