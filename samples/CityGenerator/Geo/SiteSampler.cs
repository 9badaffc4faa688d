using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace CityGenerator.Geo;

/// <summary>
/// Seeded Voronoi sites inside a polygon: rejection sampling with a minimum spacing, then a few
/// Lloyd relaxation steps (move each site to the centroid of its clipped cell) so cells are compact.
/// </summary>
public static class SiteSampler
{
    public static List<Coordinate> Sample(Geometry area, int count, Random random, int lloydSteps = 2)
    {
        var sites = RejectionSample(area, count, random);
        for (var step = 0; step < lloydSteps; step++)
        {
            sites = Relax(area, sites);
        }
        return sites;
    }

    private static List<Coordinate> RejectionSample(Geometry area, int count, Random random)
    {
        var locator = new IndexedPointInAreaLocator(area);
        var env = area.EnvelopeInternal;
        var spacing = 0.6 * Math.Sqrt(area.Area / count);
        var sites = new List<Coordinate>(count);
        var attempts = 0;
        while (sites.Count < count)
        {
            if (++attempts > 2000)
            {
                spacing *= 0.85;
                attempts = 0;
            }
            var c = new Coordinate(
                env.MinX + random.NextDouble() * env.Width,
                env.MinY + random.NextDouble() * env.Height);
            if (locator.Locate(c) != Location.Interior)
            {
                continue;
            }
            if (sites.Any(s => s.Distance(c) < spacing))
            {
                continue;
            }
            sites.Add(c);
            attempts = 0;
        }
        return sites;
    }

    private static List<Coordinate> Relax(Geometry area, List<Coordinate> sites)
    {
        var locator = new IndexedPointInAreaLocator(area);
        var cells = VoronoiPartitioner.ClippedCells(area, sites);
        var moved = new List<Coordinate>(sites.Count);
        for (var i = 0; i < sites.Count; i++)
        {
            var cell = cells[i];
            if (cell.IsEmpty)
            {
                moved.Add(sites[i]);
                continue;
            }
            var centroid = cell.Centroid.Coordinate;
            var next = locator.Locate(centroid) == Location.Interior ? centroid : cell.InteriorPoint.Coordinate;
            // Never let two sites collapse onto one another.
            moved.Add(moved.Any(m => m.Equals2D(next)) ? sites[i] : next);
        }
        return moved;
    }
}
