namespace CommandCenter.Grains.Geography;

/// <summary>The current hierarchy as grains need it: which scopes a grid's news goes to.</summary>
public interface ICityMap
{
    string? RootGridId { get; }

    /// <summary>The grid and its ancestors up to the city, deepest first; empty for an unknown grid.</summary>
    IReadOnlyList<string> ChainOf(string gridId);

    /// <summary>The deepest grid containing the point, or null outside the city (or before a hierarchy is loaded).</summary>
    string? GridAt(double lat, double lon);
}
