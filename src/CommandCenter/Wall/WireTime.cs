using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace CommandCenter.Wall;

/// <summary>
/// Instants travel as ISO 8601 strings in MessagePack too, so browser clients see the same value with
/// either protocol (MessagePack's own DateTimeOffset shape is an array that JavaScript cannot read as a date).
/// </summary>
public sealed class IsoInstantFormatter : IMessagePackFormatter<DateTimeOffset>
{
    public void Serialize(ref MessagePackWriter writer, DateTimeOffset value, MessagePackSerializerOptions options) =>
        writer.Write(value.ToUniversalTime().ToString("O"));

    public DateTimeOffset Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        DateTimeOffset.Parse(reader.ReadString()!, System.Globalization.CultureInfo.InvariantCulture);
}

public static class WireTime
{
    public static IFormatterResolver Resolver { get; } = CompositeResolver.Create(
        [new IsoInstantFormatter(), new NullableFormatter<DateTimeOffset>()],
        [StandardResolver.Instance]);
}
