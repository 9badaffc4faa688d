namespace CommandCenter.Grains.Geography;

/// <summary>The result of an import as callers see it.</summary>
[GenerateSerializer, Alias("GridImportReport")]
public sealed record GridImportReport(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Version,
    [property: Id(2)] int GridCount,
    [property: Id(3)] IReadOnlyList<GridImportProblem> Problems);

/// <summary>The stored source of a hierarchy version; every node builds its own index from it.</summary>
[GenerateSerializer, Alias("GridCatalogEntry")]
public sealed record GridCatalogEntry([property: Id(0)] string Version, [property: Id(1)] string GeoJson);

/// <summary>The city's grid hierarchy (one grain, key "city"): the single writer of hierarchy versions.</summary>
public interface IGridCatalogGrain : IGrainWithStringKey
{
    Task<GridImportReport> Import(string geoJson);
    Task<GridCatalogEntry?> GetCurrent();
    Task<string?> GetVersion();
}
