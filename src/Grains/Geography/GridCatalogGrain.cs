namespace CommandCenter.Grains.Geography;

[GenerateSerializer, Alias("GridCatalogState")]
public sealed class GridCatalogState
{
    [Id(0)] public GridCatalogEntry? Current { get; set; }
}

public sealed class GridCatalogGrain([PersistentState("grid-catalog")] IPersistentState<GridCatalogState> catalog) : Grain, IGridCatalogGrain
{
    public async Task<GridImportReport> Import(string geoJson)
    {
        var result = GridImport.Read(geoJson);
        if (result.Hierarchy is not { } hierarchy)
            return new GridImportReport(false, null, 0, result.Problems);
        if (catalog.State.Current?.Version != hierarchy.Version)
        {
            catalog.State.Current = new GridCatalogEntry(hierarchy.Version, geoJson);
            await catalog.WriteStateAsync();
        }
        return new GridImportReport(true, hierarchy.Version, hierarchy.Nodes.Count, []);
    }

    public Task<GridCatalogEntry?> GetCurrent() => Task.FromResult(catalog.State.Current);

    public Task<string?> GetVersion() => Task.FromResult(catalog.State.Current?.Version);
}
