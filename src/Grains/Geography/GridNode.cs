using CommandCenter.Grains.Sla;
using NetTopologySuite.Geometries;

namespace CommandCenter.Grains.Geography;

/// <summary>
/// One grid of the hierarchy: level 0 is the city, 1 town/street, 2 village/community, 3 block.
/// <paramref name="Area"/> is the grid's own "area" property, or its parent's when the feature has none.
/// </summary>
public sealed record GridNode(string Id, string? ParentId, int Level, string Name, Geometry Geometry, GridArea Area = GridArea.Urban);

/// <summary>A grid as it is named in answers: no geometry.</summary>
[GenerateSerializer, Alias("GridRef")]
public sealed record GridRef([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] int Level);
