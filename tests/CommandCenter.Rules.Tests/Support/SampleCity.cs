using CommandCenter.Grains.Geography;

namespace CommandCenter.Tests.Support;

/// <summary>The committed sample city, read once per test run.</summary>
public static class SampleCity
{
    private static readonly Lazy<GridIndex> LazyIndex = new(() =>
    {
        var result = GridImport.Read(File.ReadAllText(Path.Combine(Repo.SampleCity, "grids.geojson")));
        if (result.Hierarchy is null) throw new InvalidOperationException(result.Problems[0].Problem);
        return new GridIndex(result.Hierarchy);
    });

    public static GridIndex Index => LazyIndex.Value;
    public static GridHierarchy Hierarchy => Index.Hierarchy;

    private static int next;

    // Points on a 150 m lattice that really lie in 徐霞客镇 (JY10), nearest the centre first: about
    // 2,500 of them, so a whole test run never reuses one and never strays into another town.
    private static readonly Lazy<(double Lat, double Lon)[]> Lattice = new(() =>
    {
        var points = new List<(double Lat, double Lon)>();
        for (var lat = 31.68; lat <= 31.84; lat += 0.00135)
        for (var lon = 120.24; lon <= 120.46; lon += 0.0016)
            if (Index.Locate(lat, lon) is { } located && located.Chain.Any(g => g.Id == "JY10"))
                points.Add((lat, lon));
        return points.OrderBy(p => Math.Pow(p.Lat - XuxiakeLat, 2) + Math.Pow(p.Lon - XuxiakeLon, 2)).ToArray();
    });

    /// <summary>
    /// A fresh point in 徐霞客镇, at least 150 m from any other handed out in this run, so that test
    /// reports never count as duplicates of each other (duplicates are linked within 50 m).
    /// </summary>
    public static (double Lat, double Lon) NextPoint()
    {
        var points = Lattice.Value;
        return points[Interlocked.Increment(ref next) % points.Length];
    }

    /// <summary>Town centre of 徐霞客镇 from the sample's sources.</summary>
    public const double XuxiakeLat = 31.7538, XuxiakeLon = 120.3435;
}
