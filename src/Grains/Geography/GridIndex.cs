using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace CommandCenter.Grains.Geography;

/// <summary>Where a point fell: the deepest grid containing it and its chain up to the city (deepest first).</summary>
public sealed record GridLocation(GridNode Grid, IReadOnlyList<GridNode> Chain);

/// <summary>
/// Point → deepest grid. An STRtree over indexed point-in-area locators, built once per hierarchy
/// version; about ten times faster than testing polygons with plain Contains.
/// </summary>
public sealed class GridIndex
{
    private readonly STRtree<Entry> tree = new();
    private readonly GeometryFactory factory = new();

    private sealed record Entry(GridNode Node, IPointOnGeometryLocator Locator);

    public GridIndex(GridHierarchy hierarchy)
    {
        Hierarchy = hierarchy;
        foreach (var node in hierarchy.Nodes)
        {
            var locator = new IndexedPointInAreaLocator(node.Geometry);
            // The locator builds its index lazily; build it now so concurrent readers never race on it.
            locator.Locate(node.Geometry.Centroid.Coordinate);
            tree.Insert(node.Geometry.EnvelopeInternal, new Entry(node, locator));
        }
        tree.Build();
    }

    public GridHierarchy Hierarchy { get; }

    /// <summary>The deepest grid containing the point (boundaries count as inside), or null outside the city.</summary>
    public GridLocation? Locate(double lat, double lon)
    {
        if (!double.IsFinite(lat) || !double.IsFinite(lon)) return null;
        var point = new Coordinate(lon, lat);
        GridNode? best = null;
        foreach (var entry in tree.Query(new Envelope(point)))
        {
            if (best is not null && (entry.Node.Level < best.Level || (entry.Node.Level == best.Level && string.CompareOrdinal(entry.Node.Id, best.Id) > 0)))
                continue;
            if (entry.Locator.Locate(point) != Location.Exterior) best = entry.Node;
        }
        return best is null ? null : new GridLocation(best, Hierarchy.ChainOf(best.Id));
    }

    /// <summary>The same answer by testing every grid with plain Contains: the reference for tests and benchmarks.</summary>
    public GridLocation? LocateByScan(double lat, double lon)
    {
        var point = factory.CreatePoint(new Coordinate(lon, lat));
        var best = Hierarchy.Nodes
            .Where(n => n.Geometry.Covers(point))
            .OrderByDescending(n => n.Level).ThenBy(n => n.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        return best is null ? null : new GridLocation(best, Hierarchy.ChainOf(best.Id));
    }
}
