using NetTopologySuite.Geometries;
using NetTopologySuite.Triangulate;

namespace CityGenerator.Geo;

/// <summary>
/// Cuts a parent area into Voronoi cells of the given sites, clipped to the parent. A clipped cell
/// that falls apart keeps only the piece holding (or nearest) its site; stray pieces go to the
/// sibling they share the longest border with, so every child is one piece and the children still
/// tile the parent exactly.
/// </summary>
public static class VoronoiPartitioner
{
    /// <summary>Raw Voronoi cells of <paramref name="sites"/> intersected with the area, in site order.</summary>
    public static List<Geometry> ClippedCells(Geometry area, IReadOnlyList<Coordinate> sites)
    {
        var env = new Envelope(area.EnvelopeInternal);
        env.ExpandBy(Math.Max(env.Width, env.Height));
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = env };
        builder.SetSites(sites.ToList());
        var diagram = builder.GetDiagram(Spatial.Floating);

        var bySite = new Dictionary<Coordinate, Geometry>();
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            var cell = diagram.GetGeometryN(i);
            bySite[(Coordinate)cell.UserData] = cell;
        }
        return sites
            .Select(s => bySite.TryGetValue(s, out var cell)
                ? Spatial.Areal(Spatial.Intersection(cell, area))
                : throw new InvalidOperationException($"no Voronoi cell for site {s}"))
            .ToList();
    }

    /// <summary>
    /// Partitions the area into one cell per site, in site order. Cells smaller than
    /// <paramref name="minCellArea"/> (square degrees) are dissolved into their longest-border
    /// neighbour and dropped from the result.
    /// </summary>
    public static List<(Coordinate Site, Geometry Cell)> Partition(
        Geometry area, IReadOnlyList<Coordinate> sites, double minCellArea = 0)
    {
        var cells = ClippedCells(area, sites);
        var current = new List<Geometry>(sites.Count);
        var orphans = new List<(int Owner, Polygon Piece)>();
        for (var i = 0; i < sites.Count; i++)
        {
            var parts = Spatial.Polygons(cells[i]);
            if (parts.Count == 0)
            {
                current.Add(Spatial.Factory.CreatePolygon());
                continue;
            }
            var site = Spatial.Factory.CreatePoint(sites[i]);
            var main = parts.MinBy(p => p.Distance(site))!;
            current.Add(main);
            orphans.AddRange(parts.Where(p => !ReferenceEquals(p, main)).Select(p => (i, p)));
        }

        ReassignOrphans(current, orphans);
        DissolveSmallCells(current, minCellArea);
        return sites.Zip(current).Where(p => !p.Second.IsEmpty).ToList();
    }

    private static void DissolveSmallCells(List<Geometry> current, double minCellArea)
    {
        while (true)
        {
            var smallest = -1;
            for (var i = 0; i < current.Count; i++)
            {
                if (!current[i].IsEmpty && current[i].Area < minCellArea
                    && (smallest < 0 || current[i].Area < current[smallest].Area))
                {
                    smallest = i;
                }
            }
            if (smallest < 0)
            {
                return;
            }
            var into = NeighbourWithLongestBorder(current, current[smallest], exclude: smallest);
            if (into < 0)
            {
                throw new InvalidOperationException("a small cell has no neighbour to merge into");
            }
            current[into] = Spatial.Areal(Spatial.Union(current[into], current[smallest]));
            current[smallest] = Spatial.Factory.CreatePolygon();
        }
    }

    private static void ReassignOrphans(List<Geometry> current, List<(int Owner, Polygon Piece)> orphans)
    {
        var progress = true;
        while (orphans.Count > 0 && progress)
        {
            progress = false;
            for (var k = 0; k < orphans.Count; k++)
            {
                var piece = orphans[k].Piece;
                var best = NeighbourWithLongestBorder(current, piece, exclude: -1);
                if (best < 0)
                {
                    continue;
                }
                current[best] = Spatial.Areal(Spatial.Union(current[best], piece));
                orphans.RemoveAt(k--);
                progress = true;
            }
        }
        // Pieces that touch no sibling along an edge stay with their own cell.
        foreach (var (owner, piece) in orphans)
        {
            current[owner] = Spatial.Areal(Spatial.Union(current[owner], piece));
        }
    }

    /// <summary>Index of the geometry sharing the longest border with <paramref name="piece"/>, or -1.</summary>
    public static int NeighbourWithLongestBorder(IReadOnlyList<Geometry> cells, Geometry piece, int exclude)
    {
        var best = -1;
        var bestLength = 0.0;
        for (var j = 0; j < cells.Count; j++)
        {
            if (j == exclude || cells[j].IsEmpty)
            {
                continue;
            }
            var length = Spatial.SharedBorder(piece, cells[j]);
            if (length > bestLength)
            {
                best = j;
                bestLength = length;
            }
        }
        return best;
    }
}
