using CommandCenter.Grains.Places;
using CommandCenter.Grids;

namespace CommandCenter.Places;

/// <summary>
/// This node's gazetteer: built from the current grid hierarchy and places list, rebuilt when either
/// version changes (an import here, or another node's, seen on the next look).
/// </summary>
public sealed class PlaceDirectory(IGrainFactory grains, GridDirectory grids)
{
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim rebuild = new(1, 1);
    private (string GridVersion, string? PlacesVersion, Gazetteer Gazetteer)? built;
    private long lastCheckTicks;

    /// <summary>The gazetteer of the current grids and places; null before any grid hierarchy exists.</summary>
    public async ValueTask<Gazetteer?> Current()
    {
        var index = await grids.Current();
        if (index is null) return null;
        if (built is { } b && b.GridVersion == index.Hierarchy.Version && Environment.TickCount64 - Interlocked.Read(ref lastCheckTicks) < RecheckEvery.TotalMilliseconds)
            return b.Gazetteer;
        return await Refresh();
    }

    public async Task<Gazetteer?> Refresh()
    {
        var index = await grids.Current();
        if (index is null) return null;
        await rebuild.WaitAsync();
        try
        {
            var catalog = grains.GetGrain<IPlaceCatalogGrain>("city");
            var version = await catalog.GetVersion();
            Interlocked.Exchange(ref lastCheckTicks, Environment.TickCount64);
            if (built is { } b && b.GridVersion == index.Hierarchy.Version && b.PlacesVersion == version) return b.Gazetteer;
            var places = version is null ? [] : PlaceList.Read((await catalog.GetCurrent())!.GeoJson).Places;
            var gazetteer = new Gazetteer(index, places);
            built = (index.Hierarchy.Version, version, gazetteer);
            return gazetteer;
        }
        finally
        {
            rebuild.Release();
        }
    }
}
