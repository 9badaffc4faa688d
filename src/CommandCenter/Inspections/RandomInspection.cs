using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Grids;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Inspections;
using CommandCenter.Grains.Members;
using CommandCenter.Grains.Sla;
using CommandCenter.Grids;

namespace CommandCenter.Inspections;

/// <summary>What one run of the draw did: the period, the pools it drew from and the tasks it drew.</summary>
public sealed record InspectionRun(string Period, int Seed, int Inspectors, int Candidates, IReadOnlyList<InspectionSummaryView> Drawn);

/// <summary>
/// 双随机, daily: gathers the two lists, the 督查员 of the roster (members with role Supervisor, with their home grid) and
/// the cases handled or closed this month (their last move in the month, reported within <see cref="ReportedWithin"/>),
/// and has the city's inspection book draw from them by <see cref="InspectionDraw"/> under the configured quotas.
/// </summary>
public sealed class RandomInspection(IIncidentLedger ledger, GridDirectory grids, IGrainFactory grainFactory, ICityRules rules,
    InspectionOptions options, TimeProvider clock)
{
    private SlaPolicy policy => rules.Policy;
    private CategoryCatalogue catalogue => rules.Catalogue;

    // How far back a case may have been reported and still be handled or closed this month: the month and the one before.
    // A case older than that and still moving is rare; reading further would read every case of a quarter each morning.
    private static readonly TimeSpan ReportedWithin = TimeSpan.FromDays(31);

    private static readonly IncidentStatus[] Checkable =
        [IncidentStatus.Handled, IncidentStatus.Verified, IncidentStatus.Evaluated, IncidentStatus.Assessed, IncidentStatus.Filed, IncidentStatus.Archived];

    public async Task<InspectionRun> Draw(int seed)
    {
        var index = await grids.Current() ?? throw new InvalidOperationException("No grid hierarchy is loaded.");
        var hierarchy = index.Hierarchy;
        var team = await Teams.Of(grainFactory, hierarchy.Nodes.Select(n => n.Id));
        var inspectors = team.Where(s => s.Profile.Role == MemberRole.Supervisor).OrderBy(s => s.Profile.Id, StringComparer.Ordinal)
            .Select(s => new InspectionDrawInspector(s.Profile.Id, s.Profile.Name, s.Profile.GridId)).ToList();

        var now = clock.GetUtcNow();
        var zone = policy.Calendar.TimeZone;
        var period = InspectionPeriod.Of(now, zone);
        var start = InspectionPeriod.StartOf(period, zone);
        var cases = new List<InspectionDrawCase>();
        for (var offset = 0; ; offset += 500)
        {
            var page = await ledger.Query(new IncidentQuery(null, null, null, start - ReportedWithin, null, now, offset, 500));
            cases.AddRange(page.Items
                .Where(s => Checkable.Contains(s.Status) && s.UpdatedAt >= start && s.GridChain.Count > 0)
                .Select(s => TownOf(hierarchy, s.GridChain) is { } town ? new InspectionDrawCase(s.Id, town, s.GridChain, s.Category, IncidentSteps.Word(s.Status)) : null)
                .OfType<InspectionDrawCase>());
            if (page.Items.Count < 500) break;
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var drawn = await grainFactory.GetGrain<IInspectionBookGrain>(InspectionViews.Book).Draw(new InspectionDrawRequest(
            inspectors, cases, options.PerTownPerMonth, options.PerTown, options.PerTownPerRun, seed, period, day, now, InspectionPeriod.EndOf(period, zone)));
        return new InspectionRun(period, seed, inspectors.Count, cases.Count, drawn.Select(t => InspectionViews.Summary(t, hierarchy, catalogue)).ToList());
    }

    /// <summary>The level-1 grid (town or street) of a chain, deepest first; null for a case located to the city itself.</summary>
    public static string? TownOf(Grains.Geography.GridHierarchy hierarchy, IReadOnlyList<string> chain) =>
        chain.FirstOrDefault(id => hierarchy.Find(id)?.Level == 1);
}
