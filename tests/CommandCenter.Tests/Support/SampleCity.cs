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

    /// <summary>
    /// A fresh point near the centre of 徐霞客镇, 150 m from any other handed out in this run, so that
    /// test reports never count as duplicates of each other (duplicates are linked within 50 m).
    /// </summary>
    public static (double Lat, double Lon) NextPoint()
    {
        var n = Interlocked.Increment(ref next);
        var (row, column) = Math.DivRem(n, 20);
        return (XuxiakeLat - 0.012 + row * 0.00135, XuxiakeLon - 0.014 + column * 0.0016);
    }

    /// <summary>Town centre of 徐霞客镇 from the sample's sources.</summary>
    public const double XuxiakeLat = 31.7538, XuxiakeLon = 120.3435;
}
