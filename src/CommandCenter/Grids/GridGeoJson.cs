using System.Text.Json;
using CommandCenter.Grains.Geography;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace CommandCenter.Grids;

/// <summary>Writes grids as GeoJSON features with the properties id, parentId, level and name.</summary>
public static class GridGeoJson
{
    private static readonly JsonSerializerOptions GeometryOptions = new() { Converters = { new GeoJsonConverterFactory() } };

    public static async Task WriteCollection(Stream body, IEnumerable<GridNode> nodes, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(body);
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        writer.WriteStartArray("features");
        var written = 0;
        foreach (var node in nodes)
        {
            WriteFeature(writer, node, null);
            if (++written % 64 == 0) await writer.FlushAsync(cancellationToken);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    public static void WriteFeature(Utf8JsonWriter writer, GridNode node, Action<Utf8JsonWriter>? extraProperties)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteString("id", node.Id);
        writer.WriteStartObject("properties");
        writer.WriteString("id", node.Id);
        if (node.ParentId is null) writer.WriteNull("parentId"); else writer.WriteString("parentId", node.ParentId);
        writer.WriteNumber("level", node.Level);
        writer.WriteString("name", node.Name);
        extraProperties?.Invoke(writer);
        writer.WriteEndObject();
        writer.WritePropertyName("geometry");
        JsonSerializer.Serialize(writer, node.Geometry, GeometryOptions);
        writer.WriteEndObject();
    }
}
