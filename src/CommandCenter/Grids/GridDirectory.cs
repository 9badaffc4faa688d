using CommandCenter.Grains.Geography;

namespace CommandCenter.Grids;

/// <summary>
/// This node's copy of the current grid hierarchy and its point index. Built once per hierarchy
/// version from the catalog grain; rebuilt when an import here changes the version, and checked
/// against the catalog now and then so other nodes' imports arrive too.
/// </summary>
public sealed class GridDirectory(IGrainFactory grains, ILogger<GridDirectory> log)
{
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim rebuild = new(1, 1);
    private volatile GridIndex? index;
    private long lastCheckTicks;
    private volatile bool loaded;

    /// <summary>The index as last built, without checking for a newer version (for hot paths inside grains).</summary>
    public GridIndex? Cached => index;

    /// <summary>True once the catalog has been read (with or without a hierarchy in it): the readiness check's question.</summary>
    public bool Loaded => loaded;

    /// <summary>The current index; null only before any hierarchy was imported.</summary>
    public async ValueTask<GridIndex?> Current()
    {
        var current = index;
        if (current is not null && Environment.TickCount64 - Interlocked.Read(ref lastCheckTicks) < RecheckEvery.TotalMilliseconds)
            return current;
        return await Refresh();
    }

    public async Task<GridIndex?> Refresh()
    {
        await rebuild.WaitAsync();
        try
        {
            var catalog = grains.GetGrain<IGridCatalogGrain>("city");
            var version = await catalog.GetVersion();
            Interlocked.Exchange(ref lastCheckTicks, Environment.TickCount64);
            if (version is null || index?.Hierarchy.Version == version)
            {
                loaded = true;
                return index;
            }
            var entry = await catalog.GetCurrent();
            var result = GridImport.Read(entry!.GeoJson);
            if (result.Hierarchy is null)
                throw new InvalidOperationException($"The stored grid hierarchy {entry.Version} no longer validates: {result.Problems[0].Problem}");
            index = new GridIndex(result.Hierarchy);
            loaded = true;
            log.LogInformation("Grid hierarchy {Version} indexed: {Count} grids", version, result.Hierarchy.Nodes.Count);
            return index;
        }
        finally
        {
            rebuild.Release();
        }
    }
}
