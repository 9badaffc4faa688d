using System.Text;
using System.Text.Json;

namespace CommandCenter.Http;

/// <summary>
/// Walks a JSON body once, before any endpoint reads it, and records into <see cref="Fields"/> (by JSON
/// path) every string the center would not keep (<see cref="TextRules"/>, <see cref="TextLimits"/>), every
/// date outside <see cref="InputDates"/>, every null inside an array, and bodies nested too deep.
/// </summary>
public static class JsonBodyCheck
{
    public const int MaxDepth = 64;

    /// <param name="strict">True when the body is declared JSON: a syntax error is reported too; otherwise it is left to the endpoint.</param>
    public static void Check(ReadOnlySpan<byte> body, bool strict, Fields fields)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth });
        // Each open container: its path and, for arrays, the next index.
        var path = new List<(string Path, int Index)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                var here = path.Count == 0 ? "$" : path[^1].Path;
                string Current() => property is not null ? Join(here, property) : path.Count > 0 && path[^1].Index >= 0 ? $"{here}[{path[^1].Index}]" : here;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = Text(ref reader, here, fields);
                        property = name ?? "?";
                        continue;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var at = Current();
                        Advance(path, ref property);
                        path.Add((at, reader.TokenType == JsonTokenType.StartArray ? 0 : -1));
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        continue;
                    case JsonTokenType.String:
                        var field = Current();
                        if (Text(ref reader, field, fields) is { } value)
                        {
                            if (TextRules.Problem(value, TextLimits.Of(LastName(field))) is { } problem) fields.Add(field, $"{LastName(field)} {problem}");
                            else if (InputDates.Problem(value) is { } date) fields.Add(field, date);
                        }
                        break;
                    case JsonTokenType.Null when property is null && path.Count > 0 && path[^1].Index >= 0:
                        fields.Add(Current(), "An array may not hold null.");
                        break;
                }
                Advance(path, ref property);
            }
        }
        catch (JsonException e)
        {
            if (!strict) return;
            var where = path.Count == 0 ? "$" : path[^1].Path;
            fields.Add(where, e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"The body is nested more than {MaxDepth} levels deep."
                : $"The body is not valid JSON near line {(e.LineNumber ?? 0) + 1}.");
        }
    }

    private static void Advance(List<(string Path, int Index)> path, ref string? property)
    {
        if (property is not null) property = null;
        else if (path.Count > 0 && path[^1].Index >= 0) path[^1] = (path[^1].Path, path[^1].Index + 1);
    }

    private static string? Text(ref Utf8JsonReader reader, string field, Fields fields)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // "\ud800": valid JSON syntax, but not text; the serializer would throw deep inside an endpoint.
            fields.Add(field, "holds a broken character (a lone surrogate).");
            return null;
        }
    }

    private static string Join(string parent, string name) => parent == "$" ? name : $"{parent}.{name}";

    private static string LastName(string path)
    {
        var trimmed = path;
        while (trimmed.EndsWith(']') && trimmed.LastIndexOf('[') is var open and > 0) trimmed = trimmed[..open];
        var dot = trimmed.LastIndexOf('.');
        return dot >= 0 ? trimmed[(dot + 1)..] : trimmed;
    }

    public static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.StartsWith(Encoding.UTF8.Preamble)) trimmed = trimmed[3..].TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] is (byte)'{' or (byte)'[';
    }
}
