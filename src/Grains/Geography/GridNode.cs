using NetTopologySuite.Geometries;

namespace CommandCenter.Grains.Geography;

/// <summary>One grid of the hierarchy: level 0 is the city, 1 town/street, 2 village/community, 3 block.</summary>
public sealed record GridNode(string Id, string? ParentId, int Level, string Name, Geometry Geometry);

/// <summary>A grid as it is named in answers: no geometry.</summary>
[GenerateSerializer, Alias("GridRef")]
public sealed record GridRef([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] int Level);
