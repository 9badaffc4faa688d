using System.Globalization;
using CityGenerator.Geo;

namespace CityGenerator.Output;

/// <summary>
/// Writes places.geojson, the sample city's places list for the gazetteer: the seat of each town's
/// government at its real centre (镇人民政府, 街道办事处, 管委会), and the committee of each village or
/// community (村委会, 居委会) at a point inside its grid. One feature per line, deterministic.
/// </summary>
public static class PlacesGeoJson
{
    public static byte[] Write(IReadOnlyList<GridCell> grids, IReadOnlyList<Town> towns)
    {
        var features = new List<string>();
        var level1 = grids.Where(g => g.Level == 1).OrderBy(g => g.Id, StringComparer.Ordinal).ToList();
        foreach (var town in towns)
        {
            var grid = level1.Single(g => g.Name == town.GridName);
            var seat = town.Kind switch { "镇" or "乡" => "人民政府", "街道" => "办事处", _ => "管理委员会" };
            features.Add(Point($"{grid.Id}-SEAT", town.GridName + seat, "seat", town.Centre.Y, town.Centre.X));
        }
        foreach (var village in grids.Where(g => g.Level == 2).OrderBy(g => g.Id, StringComparer.Ordinal))
        {
            var committee = village.Name.EndsWith('村') ? "村民委员会" : "居民委员会";
            var inside = village.Geometry.InteriorPoint;
            features.Add(Point($"{village.Id}-CMTE", village.Name + committee, "community", inside.Y, inside.X,
                village.Name + (village.Name.EndsWith('村') ? "村委会" : "居委会")));
        }
        return Json.Utf8NoBom.GetBytes($"{{\n\"type\": \"FeatureCollection\",\n\"features\": [\n{string.Join(",\n", features)}\n]\n}}\n");
    }

    private static string Point(string id, string name, string kind, double lat, double lon, string? alias = null)
    {
        var aliases = alias is null ? "" : $", \"aliases\": [\"{alias}\"]";
        var x = Math.Round(lon, 6).ToString(CultureInfo.InvariantCulture);
        var y = Math.Round(lat, 6).ToString(CultureInfo.InvariantCulture);
        return $"{{\"type\": \"Feature\", \"properties\": {{\"id\": \"{id}\", \"name\": \"{name}\", \"kind\": \"{kind}\"{aliases}}}, \"geometry\": {{\"type\": \"Point\", \"coordinates\": [{x}, {y}]}}}}";
    }
}
