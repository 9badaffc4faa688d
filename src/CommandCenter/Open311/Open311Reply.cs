using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml.Linq;
using CommandCenter.Grains.Intake;
using CommandCenter.Intake;

namespace CommandCenter.Open311;

/// <summary>
/// Writes GeoReport v2 answers. XML is made from the JSON form (objects become elements named by their
/// fields, lists repeat their item element), so both formats carry the same fields by construction.
/// </summary>
public static class Open311Reply
{
    public sealed record Error(int Code, string Description);

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Service names are Chinese and times carry the city's "+hh:mm" offset: keep both readable. The answers are JSON
        // documents, never pasted into HTML, so HTML-sensitive characters need no escaping.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A list, e.g. root "services" with item "service"; JSON is the bare array.</summary>
    public static IntakeAnswer List<T>(Open311Format format, int status, string root, string item, IEnumerable<T> items) =>
        Answer(format, status, JsonSerializer.SerializeToElement(items.ToList(), Json), root, item);

    /// <summary>A single object, e.g. the service definition: JSON is the object, XML its element named <paramref name="root"/>.</summary>
    public static IntakeAnswer Single<T>(Open311Format format, int status, string root, T value) =>
        Answer(format, status, JsonSerializer.SerializeToElement(value, Json), root, item: null);

    public static IResult Result(IntakeAnswer answer) => new IntakeAnswerResult(answer, replayed: false);

    /// <summary>The spec's error list; the HTTP status is the errors' code.</summary>
    public static IResult Errors(Open311Format format, int code, IEnumerable<string> descriptions) =>
        Result(List(format, code, "errors", "error", descriptions.Select(d => new Error(code, d))));

    public static IResult Errors(Open311Format format, int code, string description) => Errors(format, code, [description]);

    private static IntakeAnswer Answer(Open311Format format, int status, JsonElement value, string root, string? item)
    {
        if (format == Open311Format.Json) return new IntakeAnswer(status, "application/json", value.GetRawText());
        var element = item is null ? Element(root, value) : new XElement(root, value.EnumerateArray().Select(v => Element(item, v)));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), element);
        return new IntakeAnswer(status, "application/xml", $"{document.Declaration}\n{document.ToString(SaveOptions.DisableFormatting)}");
    }

    private static XElement Element(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new XElement(name, value.EnumerateObject().Select(p => Element(p.Name, p.Value))),
        // "attributes" holds <attribute> elements, "values" holds <value> elements.
        JsonValueKind.Array => new XElement(name, value.EnumerateArray().Select(v => Element(name.TrimEnd('s'), v))),
        // Clean: a value stored before the input rules may hold characters XML 1.0 cannot carry.
        JsonValueKind.String => new XElement(name, CommandCenter.Http.TextRules.Clean(value.GetString()!)),
        JsonValueKind.Null or JsonValueKind.Undefined => new XElement(name),
        JsonValueKind.True => new XElement(name, "true"),
        JsonValueKind.False => new XElement(name, "false"),
        _ => new XElement(name, value.GetRawText()),
    };
}
