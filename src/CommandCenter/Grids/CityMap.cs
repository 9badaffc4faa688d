using CommandCenter.Grains.Geography;

namespace CommandCenter.Grids;

/// <summary>The grains' view of the hierarchy, from this node's current index.</summary>
public sealed class CityMap(GridDirectory directory) : ICityMap
{
    public string? RootGridId => directory.Cached?.Hierarchy.Root.Id;

    public IReadOnlyList<string> ChainOf(string gridId) =>
        directory.Cached?.Hierarchy.ChainOf(gridId).Select(n => n.Id).ToList() ?? [];

    public string? GridAt(double lat, double lon) => directory.Cached?.Locate(lat, lon)?.Grid.Id;
}
