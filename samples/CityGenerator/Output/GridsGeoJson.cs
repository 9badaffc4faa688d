using System.Globalization;
using System.Text;
using System.Text.Json;
using CityGenerator.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace CityGenerator.Output;

/// <summary>
/// Writes grids.geojson (one feature per line, RFC 7946 ring orientation, at most 6 decimals) and
/// reads it back with NetTopologySuite.IO.GeoJSON4STJ so validation sees exactly what was written.
/// </summary>
public static class GridsGeoJson
{
    public static byte[] Write(IEnumerable<GridCell> grids)
    {
        var features = string.Join(",\n", grids.Select(Feature));
        return Json.Utf8NoBom.GetBytes($"{{\n\"type\": \"FeatureCollection\",\n\"features\": [\n{features}\n]\n}}\n");
    }

    public static List<GridCell> Read(byte[] utf8)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(Spatial.Floating));
        var collection = JsonSerializer.Deserialize<FeatureCollection>(utf8, options)
            ?? throw new InvalidDataException("grids.geojson is not a FeatureCollection");
        return collection.Select(f =>
        {
            var a = f.Attributes;
            var expected = new[] { "id", "parentId", "level", "name" };
            var names = a.GetNames().Where(n => n != "area").Order();
            if (!names.SequenceEqual(expected.Order()))
            {
                throw new InvalidDataException($"feature properties are [{string.Join(", ", a.GetNames())}]");
            }
            var level = Value(a["level"]) is double d && d == Math.Floor(d) ? (int)d
                : throw new InvalidDataException("level is not an integer");
            return new GridCell(Value(a["id"]) as string ?? throw new InvalidDataException("id is not a string"),
                Value(a["parentId"]) as string, level,
                Value(a["name"]) as string ?? throw new InvalidDataException("name is not a string"), f.Geometry)
            {
                Area = a.Exists("area") ? Value(a["area"]) as string ?? throw new InvalidDataException("area is not a string") : null,
            };
        }).ToList();
    }

    /// <summary>Attribute values may arrive as JsonElement or as CLR values depending on the reader.</summary>
    private static object? Value(object? v) => v switch
    {
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement e => throw new InvalidDataException($"unexpected property value {e}"),
        null => null,
        string s => s,
        IConvertible c when v is not bool => c.ToDouble(CultureInfo.InvariantCulture),
        _ => throw new InvalidDataException($"unexpected property value {v}"),
    };

    private static string Feature(GridCell g)
    {
        var properties = g.Area is null
            ? JsonSerializer.Serialize(new { id = g.Id, parentId = g.ParentId, level = g.Level, name = g.Name }, Json.Options)
            : JsonSerializer.Serialize(new { id = g.Id, parentId = g.ParentId, level = g.Level, name = g.Name, area = g.Area }, Json.Options);
        var id = JsonSerializer.Serialize(g.Id, Json.Options);
        return $"{{\"type\":\"Feature\",\"id\":{id},\"properties\":{properties},\"geometry\":{Geometry(g.Geometry)}}}";
    }

    private static string Geometry(Geometry geometry)
    {
        var sb = new StringBuilder();
        var polygons = Spatial.Polygons(geometry);
        if (geometry is Polygon)
        {
            sb.Append("{\"type\":\"Polygon\",\"coordinates\":");
            AppendPolygon(sb, polygons[0]);
        }
        else
        {
            sb.Append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (var i = 0; i < polygons.Count; i++)
            {
                sb.Append(i > 0 ? "," : "");
                AppendPolygon(sb, polygons[i]);
            }
            sb.Append(']');
        }
        return sb.Append('}').ToString();
    }

    private static void AppendPolygon(StringBuilder sb, Polygon p)
    {
        sb.Append('[');
        AppendRing(sb, p.ExteriorRing.Coordinates, counterClockwise: true);
        foreach (var hole in p.InteriorRings)
        {
            sb.Append(',');
            AppendRing(sb, hole.Coordinates, counterClockwise: false);
        }
        sb.Append(']');
    }

    private static void AppendRing(StringBuilder sb, Coordinate[] ring, bool counterClockwise)
    {
        var points = Orientation.IsCCW(ring) == counterClockwise ? ring : ring.Reverse().ToArray();
        sb.Append('[');
        for (var i = 0; i < points.Length; i++)
        {
            sb.Append(i > 0 ? ",[" : "[").Append(Number(points[i].X)).Append(',').Append(Number(points[i].Y)).Append(']');
        }
        sb.Append(']');
    }

    private static string Number(double v) => Math.Round(v, 6).ToString("0.######", CultureInfo.InvariantCulture);
}
