using System.Reflection;
using System.Text;
using System.Text.Json;

namespace CommandCenter.Tests.Wire;

/// <summary>One part of the generated file: a transport and the C# types it carries.</summary>
public sealed record WireSection(string Title, WireDialect Dialect, IReadOnlyList<Type> Roots, IReadOnlyList<WireMethods>? Methods = null);

/// <summary>Methods called over the transport (a hub's, or its client's), written as one TypeScript interface.</summary>
public sealed record WireMethods(string Name, string Doc, IReadOnlyList<MethodInfo> Methods);

/// <summary>
/// Writes TypeScript declarations for C# records as a transport writes them: one interface per record
/// (found from the roots through their properties), one string union per enum that travels by name.
/// Deterministic, so the committed file can be compared with a fresh one.
/// </summary>
public sealed class WireTypeScript
{
    private readonly NullabilityInfoContext nullability = new();
    private readonly Dictionary<string, (Type Type, string Text)> declared = [];
    private readonly StringBuilder output = new();

    public static string Generate(string header, IEnumerable<WireSection> sections)
    {
        var writer = new WireTypeScript();
        writer.output.Append(header);
        foreach (var section in sections) writer.Write(section);
        return writer.output.ToString();
    }

    private void Write(WireSection section)
    {
        output.Append('\n').Append("// ").Append(section.Title).Append('\n');
        var queue = new Queue<Type>(section.Roots);
        var methods = string.Concat((section.Methods ?? []).Select(m => MethodsDeclaration(m, section.Dialect, queue)));
        var seen = new HashSet<Type>();
        while (queue.TryDequeue(out var type))
        {
            if (!seen.Add(type)) continue;
            var text = type.IsEnum ? EnumDeclaration(type, section.Dialect) : Interface(type, section.Dialect, queue);
            if (text is null) continue;
            if (declared.TryGetValue(type.Name, out var earlier))
            {
                if (earlier.Type != type)
                    throw new InvalidOperationException($"Two wire types are named {type.Name} ({earlier.Type.FullName}, {type.FullName}); rename one.");
                if (earlier.Text != text)
                    throw new InvalidOperationException($"{type.FullName} travels in two shapes (as {section.Dialect.Name} and before); give one transport a view record of its own.");
                continue;
            }
            declared[type.Name] = (type, text);
            output.Append('\n').Append(text);
        }
        output.Append(methods);
    }

    private string MethodsDeclaration(WireMethods methods, WireDialect dialect, Queue<Type> queue)
    {
        var text = new StringBuilder();
        text.Append("\n/** ").Append(methods.Doc).Append(" */\n");
        text.Append("export interface ").Append(methods.Name).Append(" {\n");
        foreach (var method in methods.Methods.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var where = $"{method.DeclaringType!.Name}.{method.Name}";
            var parameters = method.GetParameters().Select(p =>
            {
                var (ts, nullable) = TypeOf(p.ParameterType, nullability.Create(p), dialect, queue, where);
                return $"{p.Name}: {ts}{(nullable ? " | null" : "")}";
            });
            var returned = method.ReturnType;
            var answer = returned == typeof(Task) || returned == typeof(void) ? "void"
                : returned.IsGenericType && returned.GetGenericTypeDefinition() == typeof(Task<>)
                    ? Written(TypeOf(returned.GetGenericArguments()[0], nullability.Create(method.ReturnParameter).GenericTypeArguments[0], dialect, queue, where))
                    : Written(TypeOf(returned, nullability.Create(method.ReturnParameter), dialect, queue, where));
            text.Append("  ").Append(method.Name).Append('(').Append(string.Join(", ", parameters)).Append("): ").Append(answer).Append(";\n");
        }
        return text.Append("}\n").ToString();
    }

    private static string Written((string Ts, bool Nullable) type) => type.Nullable ? $"{type.Ts} | null" : type.Ts;

    private string? EnumDeclaration(Type type, WireDialect dialect) =>
        dialect.EnumsAsNames
            ? $"/** C# enum {type.FullName}, written by name. */\nexport type {type.Name} = {string.Join(" | ", Enum.GetNames(type).Select(n => $"'{n}'"))};\n"
            : null;

    private string Interface(Type type, WireDialect dialect, Queue<Type> queue)
    {
        var text = new StringBuilder();
        text.Append("/** C# ").Append(type.FullName!.Replace('+', '.')).Append(" */\n");
        text.Append("export interface ").Append(type.Name).Append(" {\n");
        foreach (var field in dialect.FieldsOf(type))
        {
            var info = nullability.Create(field.Property);
            var (ts, nullable) = TypeOf(field.Property.PropertyType, info, dialect, queue, $"{type.Name}.{field.Property.Name}");
            text.Append("  ").Append(field.Name);
            if (nullable && dialect.NullsOmitted) text.Append("?: ").Append(ts);
            else text.Append(": ").Append(ts).Append(nullable ? " | null" : "");
            text.Append(";\n");
        }
        return text.Append("}\n").ToString();
    }

    /// <summary>The TypeScript of a C# type, and whether the value may be null.</summary>
    private (string Ts, bool Nullable) TypeOf(Type type, NullabilityInfo info, WireDialect dialect, Queue<Type> queue, string where)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return (TypeOf(inner, info, dialect, queue, where).Ts, true);
        var nullable = !type.IsValueType && info.ReadState != NullabilityState.NotNull;
        return (NonNull(type, info, dialect, queue, where), nullable);
    }

    private string NonNull(Type type, NullabilityInfo info, WireDialect dialect, Queue<Type> queue, string where)
    {
        if (type == typeof(string) || type == typeof(char) || type == typeof(Guid) || type == typeof(Uri)) return "string";
        if (type == typeof(bool)) return "boolean";
        if (type == typeof(DateTimeOffset)) return "string"; // ISO 8601 in JSON; in MessagePack too (WireTime's IsoInstantFormatter)
        if (type == typeof(DateTime) || type == typeof(TimeSpan) || type == typeof(DateOnly) || type == typeof(TimeOnly))
            return dialect.IsMessagePack
                ? throw new InvalidOperationException($"{where}: MessagePack sends a {type.Name} in its own binary shape; send a DateTimeOffset or a string.")
                : "string";
        if (IsNumber(type)) return "number";
        if (type == typeof(object) || type == typeof(JsonElement)) return "unknown";
        if (type.IsEnum)
        {
            queue.Enqueue(type);
            return dialect.EnumsAsNames ? type.Name : "number";
        }
        if (DictionaryValue(type) is { } value)
        {
            var valueInfo = info.GenericTypeArguments.Length == 2 ? info.GenericTypeArguments[1] : info;
            var (ts, nullable) = TypeOf(value, valueInfo, dialect, queue, where);
            return $"Record<string, {(nullable ? $"{ts} | null" : ts)}>";
        }
        if (ElementOf(type) is { } element)
        {
            var elementInfo = type.IsArray ? info.ElementType! : info.GenericTypeArguments.Length == 1 ? info.GenericTypeArguments[0] : info;
            var (ts, nullable) = TypeOf(element, elementInfo, dialect, queue, where);
            return nullable ? $"({ts} | null)[]" : ts.Contains(' ') ? $"({ts})[]" : $"{ts}[]";
        }
        if (type.IsGenericType || type.IsPrimitive || type.IsPointer)
            throw new InvalidOperationException($"{where}: no TypeScript mapping for {type}; send a record, a list or a simple value.");
        queue.Enqueue(type);
        return type.Name;
    }

    private static bool IsNumber(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(double) || type == typeof(float) || type == typeof(decimal);

    private static Type? DictionaryValue(Type type) =>
        Interfaces(type).FirstOrDefault(i => i.IsGenericType
                && (i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
                && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : Interfaces(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static IEnumerable<Type> Interfaces(Type type) => type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces();
}
