using System.Buffers;
using System.Text.Json;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Sla;
using NetTopologySuite.IO.Converters;

namespace CommandCenter.Grids;

/// <summary>Writes grids as GeoJSON features with the properties id, parentId, level, name and area (urban or rural, as inherited).</summary>
public static class GridGeoJson
{
    private static readonly JsonSerializerOptions GeometryOptions = new() { Converters = { new GeoJsonConverterFactory() } };

    public static byte[] Collection(IEnumerable<GridNode> nodes)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WriteStartArray("features");
            foreach (var node in nodes) WriteFeature(writer, node, null);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Feature(GridNode node, Action<Utf8JsonWriter>? extraProperties)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer)) WriteFeature(writer, node, extraProperties);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteFeature(Utf8JsonWriter writer, GridNode node, Action<Utf8JsonWriter>? extraProperties)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WriteString("id", node.Id);
        writer.WriteStartObject("properties");
        writer.WriteString("id", node.Id);
        if (node.ParentId is null) writer.WriteNull("parentId"); else writer.WriteString("parentId", node.ParentId);
        writer.WriteNumber("level", node.Level);
        writer.WriteString("name", node.Name);
        writer.WriteString("area", node.Area == GridArea.Rural ? "rural" : "urban");
        extraProperties?.Invoke(writer);
        writer.WriteEndObject();
        writer.WritePropertyName("geometry");
        JsonSerializer.Serialize(writer, node.Geometry, GeometryOptions);
        writer.WriteEndObject();
    }
}
