using CommandCenter.Grains.Grids;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Inspections;
using CommandCenter.Grains.Members;
using CommandCenter.Grains.Sla;
using CommandCenter.Grids;

namespace CommandCenter.Inspections;

/// <summary>
/// 双随机, daily: draws a random supervisor (督查员 of the roster) and a random incident that is open or
/// closed within the last week (among those reported in the last 30 days), and records the pair as an
/// inspection task in the city's inspection book.
/// </summary>
public sealed class RandomInspection(IIncidentLedger ledger, GridDirectory grids, IGrainFactory grainFactory, SlaPolicy policy, TimeProvider clock)
{
    private static readonly TimeSpan RecentlyClosed = TimeSpan.FromDays(7);
    private static readonly TimeSpan ReportedWithin = TimeSpan.FromDays(30);

    public async Task<InspectionTask?> Draw(Random random)
    {
        var index = await grids.Current() ?? throw new InvalidOperationException("No grid hierarchy is loaded.");
        var memberIds = (await Task.WhenAll(index.Hierarchy.Nodes.Select(n => grainFactory.GetGrain<IGridGrain>(n.Id).GetMemberIds())))
            .SelectMany(m => m).Distinct().Order(StringComparer.Ordinal).ToList();
        var snapshots = await Task.WhenAll(memberIds.Select(id => grainFactory.GetGrain<IMemberGrain>(id).GetSnapshot()));
        var supervisors = snapshots.OfType<MemberSnapshot>().Where(s => s.Profile.Role == MemberRole.Supervisor).ToList();

        var now = clock.GetUtcNow();
        var targets = new List<IncidentSummary>();
        for (var offset = 0; ; offset += 500)
        {
            var page = await ledger.Query(new IncidentQuery(null, null, null, now - ReportedWithin, null, now, offset, 500));
            targets.AddRange(page.Items.Where(s => s.Status != IncidentStatus.Cancelled && (s.IsOpen || s.UpdatedAt >= now - RecentlyClosed)));
            if (page.Items.Count < 500) break;
        }

        var drawn = InspectionDraw.Draw(supervisors, targets, random);
        if (drawn is null) return null;
        var (inspector, target) = drawn.Value;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, policy.Calendar.TimeZone).DateTime);
        return await grainFactory.GetGrain<IInspectionBookGrain>("city").Record(new InspectionTask(
            "", day, inspector.Profile.Id, inspector.Profile.Name, target.Id, target.GridId, IncidentSteps.Word(target.Status), now,
            supervisors.Count, targets.Count));
    }
}
