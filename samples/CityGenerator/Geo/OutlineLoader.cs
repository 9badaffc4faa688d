using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Precision;

namespace CityGenerator.Geo;

/// <summary>
/// Loads the county outline: drops consecutive duplicate vertices, repairs the polygon if it is
/// invalid, keeps the largest polygon and snaps it to the output precision grid.
/// </summary>
public static class OutlineLoader
{
    public static Polygon Load(string path)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(Spatial.Floating));
        var collection = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(path), options)
            ?? throw new InvalidDataException($"{path}: not a FeatureCollection");
        if (collection.Count == 0)
        {
            throw new InvalidDataException($"{path}: no features");
        }

        var polygons = Spatial.Polygons(collection[0].Geometry).Select(Deduplicate).ToList();
        var rawVertices = collection[0].Geometry.NumPoints;
        Geometry outline = Spatial.Floating.BuildGeometry(polygons);
        var repaired = !outline.IsValid;
        if (repaired)
        {
            outline = GeometryFixer.Fix(outline);
        }
        outline = GeometryPrecisionReducer.Reduce(outline, Spatial.Precision);

        var largest = Spatial.Polygons(outline).MaxBy(p => p.Area)
            ?? throw new InvalidDataException($"{path}: outline has no polygon");
        var result = (Polygon)Spatial.Factory.CreateGeometry(largest);
        if (!result.IsValid)
        {
            throw new InvalidDataException($"{path}: outline still invalid after repair");
        }
        Console.WriteLine($"Outline: {rawVertices} vertices read, {result.NumPoints} kept after removing duplicates"
            + $"{(repaired ? ", repaired" : "")}; {Spatial.Polygons(outline).Count} polygon(s), largest kept "
            + $"({Spatial.SquareMetres(result) / 1e6:F1} of {Spatial.SquareMetres(outline) / 1e6:F1} km²).");
        return result;
    }

    private static Polygon Deduplicate(Polygon p) =>
        Spatial.Floating.CreatePolygon(
            Ring(p.ExteriorRing),
            p.InteriorRings.Select(Ring).Where(r => r is not null).Cast<LinearRing>().ToArray());

    private static LinearRing Ring(LineString ring)
    {
        var points = new List<Coordinate>();
        foreach (var c in ring.Coordinates)
        {
            if (points.Count == 0 || !points[^1].Equals2D(c))
            {
                points.Add(c.Copy());
            }
        }
        if (!points[0].Equals2D(points[^1]))
        {
            points.Add(points[0].Copy());
        }
        return Spatial.Floating.CreateLinearRing(points.ToArray());
    }
}
