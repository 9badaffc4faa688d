using NetTopologySuite.Geometries;

namespace CityGenerator;

/// <summary>One grid of the hierarchy: level 0 city, 1 town/street, 2 village/community, 3 block.</summary>
public sealed record GridCell(string Id, string? ParentId, int Level, string Name, Geometry Geometry)
{
    /// <summary>The site (town centre or random Voronoi site) the cell was grown from.</summary>
    public Coordinate? Site { get; init; }

    /// <summary>"urban" or "rural" where the grid declares it (levels 0 and 1); lower levels inherit their parent's.</summary>
    public string? Area { get; init; }
}
