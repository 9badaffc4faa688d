using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using CommandCenter.Wall;
using MessagePack;

namespace CommandCenter.Tests.Wire;

[Trait("Category", "Unit")]
public sealed class WireContractTests
{
    [Fact]
    public void Generated_TypeScript_matches_the_CSharp_records()
    {
        var difference = CommittedFile.Difference(WireContract.GeneratedFile, WireContract.Generate());
        difference.Should().BeNull($"the pages' wire types are generated from the C# records; run `{WireContract.RegenerateCommand}` to regenerate them");
    }

    [Fact]
    public void Hub_messages_carry_the_names_and_shapes_the_generated_types_declare()
    {
        // Serialized exactly as Program.cs configures the hub's MessagePack protocol, then read back as a map.
        var options = MessagePackSerializerOptions.Standard.WithResolver(WireTime.Resolver);
        var section = WireContract.Sections().Single(s => s.Dialect.IsMessagePack);
        foreach (var type in TypesCarriedBy(section))
        {
            var json = MessagePackSerializer.ConvertToJson(MessagePackSerializer.Serialize(type, Example.Of(type), options));
            Walk(type, JsonDocument.Parse(json).RootElement, section.Dialect, type.Name).Should().BeEmpty();
        }
    }

    [Fact]
    public void Api_and_replay_JSON_carry_the_names_and_shapes_the_generated_types_declare()
    {
        foreach (var section in WireContract.Sections().Where(s => !s.Dialect.IsMessagePack))
        {
            var options = section.Dialect.Name == "ledger JSON" ? Storage.LedgerJson.Options : WireContract.ApiJson;
            foreach (var type in TypesCarriedBy(section))
            {
                var json = JsonSerializer.Serialize(Example.Of(type), type, options);
                Walk(type, JsonDocument.Parse(json).RootElement, section.Dialect, type.Name).Should().BeEmpty();
            }
        }
    }

    private static IEnumerable<Type> TypesCarriedBy(WireSection section) =>
        section.Roots.Concat((section.Methods ?? []).SelectMany(m => m.Methods).SelectMany(m =>
                m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType.IsGenericType ? m.ReturnType.GetGenericArguments()[0] : m.ReturnType)))
            .Where(Example.IsRecord).Distinct();

    /// <summary>Where a serialized value differs from what the dialect says the generated type declares.</summary>
    internal static List<string> Walk(Type type, JsonElement value, WireDialect dialect, string path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var problems = new List<string>();
        if (value.ValueKind == JsonValueKind.Null) return problems; // the examples set everything; a live answer may leave a nullable empty
        if (type == typeof(DateTimeOffset))
        {
            if (value.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(value.GetString(), out _))
                problems.Add($"{path}: an instant should travel as an ISO string, got {value}");
        }
        else if (type.IsEnum)
        {
            if (value.ValueKind != (dialect.EnumsAsNames ? JsonValueKind.String : JsonValueKind.Number)) problems.Add($"{path}: enum sent as {value.ValueKind}");
        }
        else if (Example.ElementOf(type) is { } element)
        {
            if (value.ValueKind != JsonValueKind.Array) problems.Add($"{path}: a list should travel as an array, got {value.ValueKind}");
            else foreach (var item in value.EnumerateArray()) problems.AddRange(Walk(element, item, dialect, $"{path}[]"));
        }
        else if (Example.IsRecord(type))
        {
            if (value.ValueKind != JsonValueKind.Object) return [$"{path}: expected an object, got {value.ValueKind}"];
            var fields = dialect.FieldsOf(type);
            var sent = value.EnumerateObject().Select(p => p.Name).ToList();
            if (!sent.SequenceEqual(fields.Select(f => f.Name)))
                problems.Add($"{path}: sent [{string.Join(", ", sent)}], declared [{string.Join(", ", fields.Select(f => f.Name))}]");
            foreach (var field in fields)
                if (value.TryGetProperty(field.Name, out var inner)) problems.AddRange(Walk(field.Property.PropertyType, inner, dialect, $"{path}.{field.Name}"));
        }
        return problems;
    }

    /// <summary>Builds a value of any wire type with every member set (no nulls, one item per list), from its constructor and setters.</summary>
    private static class Example
    {
        private static readonly DateTimeOffset Instant = new(2026, 11, 24, 1, 2, 3, TimeSpan.Zero);

        public static bool IsRecord(Type type) =>
            !type.IsPrimitive && !type.IsEnum && type != typeof(string) && type != typeof(decimal) && type != typeof(DateTimeOffset)
            && type != typeof(DateTime) && type != typeof(TimeSpan) && type != typeof(Guid) && type != typeof(void) && type != typeof(Task)
            && Nullable.GetUnderlyingType(type) is null && ElementOf(type) is null;

        public static Type? ElementOf(Type type) =>
            type == typeof(string) ? null
            : type.IsArray ? type.GetElementType()
            : (type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces())
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

        /// <param name="path">The records being built around this value: a record listing its own kind (an offer's offers after it) gets an empty list there.</param>
        public static object Of(Type type, int depth = 0, ImmutableHashSet<Type>? path = null)
        {
            path ??= [];
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(string)) return "x";
            if (type == typeof(bool)) return true;
            if (type == typeof(DateTimeOffset)) return Instant;
            if (type == typeof(DateTime)) return Instant.UtcDateTime;
            if (type == typeof(TimeSpan)) return TimeSpan.FromMinutes(30);
            if (type.IsEnum) return Enum.GetValues(type).GetValue(1 % Enum.GetValues(type).Length)!;
            if (type.IsPrimitive || type == typeof(decimal)) return Convert.ChangeType(2, type);
            if (ElementOf(type) is { } element)
            {
                var recursive = path.Contains(Nullable.GetUnderlyingType(element) ?? element);
                var items = Array.CreateInstance(element, recursive ? 0 : 1);
                if (!recursive) items.SetValue(Of(element, depth + 1, path), 0);
                if (type.IsAssignableFrom(items.GetType())) return items;
                var list = (IList)Activator.CreateInstance(type)!;
                foreach (var item in items) list.Add(item);
                return list;
            }
            if (depth > 8) throw new InvalidOperationException($"{type} nests too deep for an example.");
            var inner = path.Add(type);
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            var value = constructor is null
                ? Activator.CreateInstance(type)!
                : constructor.Invoke(constructor.GetParameters().Select(p => Of(p.ParameterType, depth + 1, inner)).ToArray());
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                if (property.SetMethod is not null && property.GetIndexParameters().Length == 0 && IsUnset(property.GetValue(value)))
                    property.SetValue(value, Of(property.PropertyType, depth + 1, inner));
            return value;
        }

        private static bool IsUnset(object? value) => value is null or false || (value is IConvertible c && value is not string && c.ToDouble(null) == 0);
    }
}
