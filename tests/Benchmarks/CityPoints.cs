using CommandCenter.Grains.Geography;

namespace CommandCenter.Benchmarks;

/// <summary>Random points that lie inside the sample city (a report outside it is refused, which a benchmark must not count as work).</summary>
internal static class CityPoints
{
    private static readonly Lazy<GridIndex> Index = new(() => new GridIndex(
        GridImport.Read(File.ReadAllText(Path.Combine(Repo.FindRoot(), "samples", "Jiangyin", "grids.geojson"))).Hierarchy
        ?? throw new InvalidOperationException("sample grids rejected")));

    public static (double Lat, double Lon)[] Inside(int count, int seed)
    {
        var index = Index.Value;
        var envelope = index.Hierarchy.Root.Geometry.EnvelopeInternal;
        var random = new Random(seed);
        var points = new (double, double)[count];
        for (var n = 0; n < count;)
        {
            var (lat, lon) = (envelope.MinY + random.NextDouble() * envelope.Height, envelope.MinX + random.NextDouble() * envelope.Width);
            if (index.Locate(lat, lon) is not null) points[n++] = (lat, lon);
        }
        return points;
    }
}
