using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Replay;

namespace CommandCenter.Replay;

/// <summary>
/// Finds the incidents of a grid subtree as they stood at an instant, from the ledger (archived ones
/// included). The summary rows narrow the search to incidents created by then whose grid lies in the
/// subtree (a grid never changes once located); each is then folded up to the instant.
/// </summary>
public sealed class ScopeHistory(IIncidentLedger ledger, TimeProvider clock)
{
    // Large pages: each page is one scan of the summaries (OFFSET paging), so fewer pages cost fewer scans.
    private const int Page = 5_000;

    public async IAsyncEnumerable<IncidentState> StatesAt(GridHierarchy hierarchy, string scope, DateTimeOffset at)
    {
        foreach (var id in await IdsIn(hierarchy, scope, createdBefore: at.AddTicks(1)))
        {
            var state = IncidentHistory.StateAt(await ledger.Read(id), at);
            if (state is not null && IncidentHistory.IsWithin(state, scope, hierarchy.Root.Id)) yield return state;
        }
    }

    /// <summary>Ids of incidents created before the instant whose (eventual) grid is in the subtree; the city holds unlocated ones too.</summary>
    public async Task<IReadOnlyList<string>> IdsIn(GridHierarchy hierarchy, string scope, DateTimeOffset createdBefore)
    {
        var grid = scope == hierarchy.Root.Id ? null : scope;
        var ids = new List<string>();
        for (var offset = 0; ; offset += Page)
        {
            var page = await ledger.Query(new IncidentQuery(grid, null, null, null, createdBefore, clock.GetUtcNow(), offset, Page));
            ids.AddRange(page.Items.Select(s => s.Id));
            if (page.Items.Count < Page) break;
        }
        ids.Reverse();   // oldest first
        return ids;
    }
}
