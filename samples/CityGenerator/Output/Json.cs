using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CityGenerator.Output;

/// <summary>
/// JSON conventions for all outputs: camelCase, CJK left unescaped, "\n" line ends, UTF-8 without
/// BOM, arrays written one element per line so diffs stay readable.
/// </summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static byte[] ArrayOneItemPerLine<T>(IEnumerable<T> items) =>
        Utf8NoBom.GetBytes(WrapLines("[", items.Select(i => JsonSerializer.Serialize(i, Options)), "]"));

    private static string WrapLines(string open, IEnumerable<string> lines, string close) =>
        $"{open}\n  {string.Join(",\n  ", lines)}\n{close}\n";

    public static List<T> ReadArray<T>(byte[] utf8) =>
        JsonSerializer.Deserialize<List<T>>(utf8, Options) ?? throw new InvalidDataException("not a JSON array");
}
