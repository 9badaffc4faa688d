using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MessagePack;

namespace CommandCenter.Tests.Wire;

/// <summary>One property as a transport writes it: the name on the wire and the C# property behind it.</summary>
public sealed record WireField(string Name, PropertyInfo Property);

/// <summary>
/// How one transport writes C# records: which properties under which names, whether a null is left out
/// or written, and whether an enum travels as its name or its number. The names come from the serializer's
/// own metadata (MessagePack keys, System.Text.Json's contract), never from a second spelling here.
/// </summary>
public sealed class WireDialect
{
    private readonly Func<Type, IReadOnlyList<WireField>> fields;

    private WireDialect(string name, Func<Type, IReadOnlyList<WireField>> fields, bool nullsOmitted, bool enumsAsNames, bool isMessagePack)
    {
        Name = name;
        this.fields = fields;
        NullsOmitted = nullsOmitted;
        EnumsAsNames = enumsAsNames;
        IsMessagePack = isMessagePack;
    }

    public string Name { get; }
    public bool NullsOmitted { get; }
    public bool EnumsAsNames { get; }
    public bool IsMessagePack { get; }

    public IReadOnlyList<WireField> FieldsOf(Type type) => fields(type);

    /// <summary>The hub's MessagePack: every member of a [MessagePackObject] carries its string key; nulls are written.</summary>
    public static WireDialect MessagePack { get; } = new("MessagePack", MessagePackFields, nullsOmitted: false, enumsAsNames: false, isMessagePack: true);

    /// <summary>A System.Text.Json contract: names, order and ignored members as the serializer resolves them.</summary>
    public static WireDialect Json(string name, JsonSerializerOptions options)
    {
        var copy = new JsonSerializerOptions(options) { TypeInfoResolver = options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver() };
        copy.MakeReadOnly();
        return new WireDialect(name, type => JsonFields(copy, type),
            nullsOmitted: options.DefaultIgnoreCondition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault,
            enumsAsNames: options.Converters.Any(c => c is JsonStringEnumConverter), isMessagePack: false);
    }

    private static IReadOnlyList<WireField> MessagePackFields(Type type)
    {
        if (type.GetCustomAttribute<MessagePackObjectAttribute>() is not { KeyAsPropertyName: false })
            throw new InvalidOperationException($"{type.FullName} travels on the hub but is not a [MessagePackObject] with [Key(\"name\")] members.");
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<IgnoreMemberAttribute>() is null && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .Select(p => p.GetCustomAttribute<KeyAttribute>()?.StringKey is { } key
                ? new WireField(key, p)
                : throw new InvalidOperationException($"{type.FullName}.{p.Name} has no string [Key]: the hub would send it by position, which the pages cannot read by name."))
            .ToList();
    }

    private static IReadOnlyList<WireField> JsonFields(JsonSerializerOptions options, Type type)
    {
        var info = options.GetTypeInfo(type);
        if (info.Kind != JsonTypeInfoKind.Object)
            throw new InvalidOperationException($"{type.FullName} is not written as a JSON object by {nameof(JsonSerializer)}; map it in {nameof(WireTypeScript)}.");
        return info.Properties
            .Where(p => p.Get is not null)
            .Select(p => p.AttributeProvider is PropertyInfo property
                ? new WireField(p.Name, property)
                : throw new InvalidOperationException($"{type.FullName}.{p.Name} is not a property; the wire contract covers properties only."))
            .ToList();
    }
}
