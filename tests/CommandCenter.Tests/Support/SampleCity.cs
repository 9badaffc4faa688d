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

    /// <summary>Town centre of 徐霞客镇 from the sample's sources.</summary>
    public const double XuxiakeLat = 31.7538, XuxiakeLon = 120.3435;
}
