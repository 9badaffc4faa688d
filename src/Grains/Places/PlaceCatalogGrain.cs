using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Grains.Places;

/// <summary>The stored places list: its version (a content hash) and its GeoJSON; every node builds its gazetteer from it.</summary>
[GenerateSerializer, Alias("PlaceCatalogEntry")]
public sealed record PlaceCatalogEntry([property: Id(0)] string Version, [property: Id(1)] string GeoJson, [property: Id(2)] int Count);

/// <summary>The answer to an import: accepted with the version and count, or every problem found.</summary>
[GenerateSerializer, Alias("PlaceImportReport")]
public sealed record PlaceImportReport(
    [property: Id(0)] bool Accepted, [property: Id(1)] string? Version, [property: Id(2)] int Count, [property: Id(3)] IReadOnlyList<PlaceProblem> Problems);

/// <summary>The city's places list (one grain, key "city"): the single writer of its versions.</summary>
public interface IPlaceCatalogGrain : IGrainWithStringKey
{
    Task<PlaceImportReport> Import(string geoJson);
    Task<PlaceCatalogEntry?> GetCurrent();
    Task<string?> GetVersion();
}

[GenerateSerializer, Alias("PlaceCatalogState")]
public sealed class PlaceCatalogState
{
    [Id(0)] public PlaceCatalogEntry? Current { get; set; }
}

public sealed class PlaceCatalogGrain([PersistentState("place-catalog")] IPersistentState<PlaceCatalogState> catalog) : Grain, IPlaceCatalogGrain
{
    public async Task<PlaceImportReport> Import(string geoJson)
    {
        var result = PlaceList.Read(geoJson);
        if (!result.Accepted) return new PlaceImportReport(false, null, 0, result.Problems);
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(geoJson)))[..16];
        if (catalog.State.Current?.Version != version)
        {
            catalog.State.Current = new PlaceCatalogEntry(version, geoJson, result.Places.Count);
            await catalog.WriteStateAsync();
        }
        return new PlaceImportReport(true, version, result.Places.Count, []);
    }

    public Task<PlaceCatalogEntry?> GetCurrent() => Task.FromResult(catalog.State.Current);

    public Task<string?> GetVersion() => Task.FromResult(catalog.State.Current?.Version);
}
