using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Intake;
using CommandCenter.Tests.Support;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Properties;

/// <summary>
/// Any text the API accepts renders in every view and reads back: equal in JSON (the API), Open311 XML and
/// GeoJSON; in CSV equal, or with the ' a spreadsheet needs in front of what looks like a formula. Text it
/// refuses is a 400 naming the field. Seeded generated strings mixing separators, quotes, line breaks, markup,
/// formula starts, Chinese, emoji, control characters and lone surrogates.
/// </summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class StoredTextProperties(CenterFactory center, ITestOutputHelper output)
{
    private const int Seed = 20261124;
    private const int Samples = 60;

    private static readonly string[] Pieces =
        [",", "\"", "'", "\n", "\r\n", "\t", ";", "<", ">", "&", "]]>", "=", "+", "-", "@", "=SUM(A1)", "路边垃圾", "网格", "😀", "é", " ", "x", "42",
         "\\", "/", "{", "}", "%", "\u0000", "\u000b", "\u001f", "\u007f", "\u0085", "\ud800", "\udc00", "\ufffe", "\u2028", "\u00a0"];

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    [Fact]
    public async Task Accepted_text_reads_back_equal_in_json_xml_csv_and_geojson()
    {
        var random = new Random(Seed);
        var anonymous = center.CreateClient();
        var staff = await center.ClientFor("operator1");
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        var accepted = new Dictionary<string, string>(StringComparer.Ordinal);
        var refused = 0;

        for (var i = 0; i < Samples; i++)
        {
            var text = Generate(random);
            var (lat, lon) = SampleCity.NextPoint();
            var body = $$"""{"api_key":"{{CenterFactory.Open311ApiKey}}","service_code":"E0102","lat":"{{lat.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}","long":"{{lon.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}","description":"{{Escape(text)}}"}""";
            var response = await anonymous.PostAsync("/open311/v2/requests.json", new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                answer.Should().Contain("description:", $"a refusal names the field ({Show(text)})");
                refused++;
                continue;
            }
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"text that is not refused is kept ({Show(text)}): {answer}");
            var id = JsonDocument.Parse(answer).RootElement[0].GetProperty("service_request_id").GetString()!;
            // Open311 keeps the description trimmed, as the standard's clients send it.
            accepted[id] = text.Trim();
        }
        output.WriteLine($"stored text (seed {Seed}): {accepted.Count} accepted, {refused} refused");
        accepted.Should().NotBeEmpty();
        var to = DateTimeOffset.UtcNow.AddMinutes(1);

        foreach (var (id, text) in accepted)
        {
            var view = await staff.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
            view.GetProperty("description").GetString().Should().Be(text, "JSON carries any accepted text as it is");
        }

        var xml = await anonymous.GetStringAsync($"/open311/v2/requests.xml?service_request_id={string.Join(',', accepted.Keys)}");
        var requests = XDocument.Parse(xml).Root!.Elements("request").ToDictionary(r => (string)r.Element("service_request_id")!, r => (string?)r.Element("description"));
        foreach (var (id, text) in accepted)
            Normalise(requests[id]).Should().Be(Normalise(text), "XML carries it (line breaks normalised by XML itself)");

        var window = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        var geo = await staff.GetFromJsonAsync<JsonElement>($"/api/exports/incidents.geojson?{window}");
        var features = geo.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("properties").GetProperty("id").GetString()!, f => f.GetProperty("properties").GetProperty("description").GetString());
        foreach (var (id, text) in accepted) features[id].Should().Be(text, "GeoJSON carries it as it is");

        var csv = Rows(await staff.GetStringAsync($"/api/exports/incidents.csv?{window}"));
        var header = csv[0];
        var description = header.IndexOf("描述 description");
        csv.Skip(1).Should().OnlyContain(r => r.Count == header.Count, "every row keeps its columns whatever the text holds");
        var rows = csv.Skip(1).ToDictionary(r => r[0], r => r[description]);
        foreach (var (id, text) in accepted)
            rows[id].Should().Be(text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text, "CSV quotes it and defuses formulas");
    }

    private static string Generate(Random random)
    {
        var text = new StringBuilder("说明");
        for (var n = random.Next(1, 12); n > 0; n--) text.Append(Pieces[random.Next(Pieces.Length)]);
        // Half the samples start with what they generated, so formula starts come first too.
        return random.Next(2) == 0 ? text.ToString(2, text.Length - 2) + "。" : text.ToString();
    }

    /// <summary>JSON string escaping that sends lone surrogates as they are (\ud800), as a hostile client would; serializers replace them.</summary>
    private static string Escape(string text) =>
        string.Concat(text.Select(c => c < ' ' || c == '"' || c == '\\' || char.IsSurrogate(c) || c > '\u007e' ? $"\\u{(int)c:x4}" : c.ToString()));

    private static string? Normalise(string? text) => text?.Replace("\r\n", "\n").Replace('\r', '\n');

    private static string Show(string text) => string.Concat(text.Select(c => c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    /// <summary>RFC 4180, as a spreadsheet reads it: quoted fields may hold separators, quotes (doubled) and line breaks.</summary>
    private static List<List<string>> Rows(string csv)
    {
        if (csv.Length > 0 && csv[0] == '\ufeff') csv = csv[1..];
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
