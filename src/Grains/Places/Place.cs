namespace CommandCenter.Grains.Places;

/// <summary>What a named place is; grids are places too, so a search finds a village by its grid's name.</summary>
public enum PlaceKind { Grid, Road, Community, Landmark, Seat }

/// <summary>The words a page shows for a kind of place.</summary>
public static class PlaceKindWords
{
    public static string Chinese(PlaceKind kind) => kind switch
    {
        PlaceKind.Road => "道路", PlaceKind.Community => "村居", PlaceKind.Landmark => "地标", PlaceKind.Seat => "政府驻地", _ => "网格",
    };
}

/// <summary>A position in the city (WGS84).</summary>
[GenerateSerializer, Alias("PlacePoint")]
public readonly record struct PlacePoint([property: Id(0)] double Lat, [property: Id(1)] double Lon);

/// <summary>
/// A named place an operator can find by name: a point (a landmark, a seat of government) or a line
/// (a road: its vertices in order). <see cref="Anchor"/> is where a report at the place is pinned.
/// </summary>
public sealed record Place(string Id, string Name, PlaceKind Kind, IReadOnlyList<PlacePoint> Shape, string? GridId = null, IReadOnlyList<string>? Aliases = null)
{
    /// <summary>A point place is its point; a line is pinned at the vertex nearest its middle by length.</summary>
    public PlacePoint Anchor => Shape.Count == 1 ? Shape[0] : MiddleOf(Shape);

    private static PlacePoint MiddleOf(IReadOnlyList<PlacePoint> line)
    {
        var lengths = new double[line.Count];
        for (var i = 1; i < line.Count; i++)
            lengths[i] = lengths[i - 1] + Math.Sqrt(Math.Pow(line[i].Lat - line[i - 1].Lat, 2) + Math.Pow(line[i].Lon - line[i - 1].Lon, 2));
        var half = lengths[^1] / 2;
        var best = 0;
        for (var i = 1; i < line.Count; i++)
            if (Math.Abs(lengths[i] - half) < Math.Abs(lengths[best] - half)) best = i;
        return line[best];
    }
}
