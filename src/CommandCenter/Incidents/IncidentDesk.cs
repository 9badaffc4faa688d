using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Incidents;

/// <summary>The host's part of taking an incident in: case numbers in the city's time zone and grid placement from the index.</summary>
public sealed class IncidentDesk(IGrainFactory grains, IncidentOptions options, SlaPolicy policy, TimeProvider clock)
{
    public async Task<string> NextCaseNumber() => await grains.GetGrain<ICaseNumberGrain>(CaseSeries()).Next();

    /// <summary>Today's series of case numbers in the city's time zone, e.g. "JY-20261124".</summary>
    public string CaseSeries()
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), policy.Calendar.TimeZone);
        return $"{options.CasePrefix}-{local:yyyyMMdd}";
    }

    public static GridPlacement? Place(GridIndex index, double lat, double lon) =>
        index.Locate(lat, lon) is { } location ? Placement(location.Chain) : null;

    public static GridPlacement? Place(GridIndex index, string gridId) =>
        index.Hierarchy.Find(gridId) is null ? null : Placement(index.Hierarchy.ChainOf(gridId));

    // Towns (镇) are rural; streets (街道) and development zones are urban: verification limits differ.
    private static GridPlacement Placement(IReadOnlyList<GridNode> chain)
    {
        var town = chain.FirstOrDefault(n => n.Level == 1);
        var area = town is not null && town.Name.EndsWith('镇') ? GridArea.Rural : GridArea.Urban;
        return new GridPlacement(chain[0].Id, chain.Select(n => n.Id).ToList(), area);
    }
}
