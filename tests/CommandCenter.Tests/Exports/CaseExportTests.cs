using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace CommandCenter.Tests.Exports;

/// <summary>
/// The case exports follow the desk's screen: each filter of the case list (GET /api/incidents) narrows the CSV, the XLSX
/// and the GeoJSON to exactly the cases the list shows, in its order; a bad filter is a 400 naming it; a town desk exports
/// only its town. Each test's cases carry a word of their own, so other tests' cases never match.
/// </summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class CaseExportTests(CenterFactory center)
{
    private const double OtherTownLat = 31.9017, OtherTownLon = 120.2824;   // 澄江街道 (JY01)
    private static readonly string[] Formats = ["csv", "xlsx", "geojson"];

    private sealed record Cases(string Token, string Phone, string Rubbish, string Lamp, string Unlocated, string RubbishGrid);

    private static string Window => $"from={Instants.Query(DateTimeOffset.UtcNow.AddHours(-2))}&to={Instants.Query(DateTimeOffset.UtcNow.AddHours(1))}";

    /// <summary>Three cases with a word of their own: rubbish with a caller (located), a lamp on patrol (located), a food case without a position.</summary>
    private static async Task<Cases> Report(HttpClient client)
    {
        var token = "x" + Guid.NewGuid().ToString("N")[..10];
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var (lat, lon) = SampleCity.NextPoint();
        var rubbish = await Created(await client.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0102", lat, lon, description = $"=垃圾 {token}, \"堆\"", channel = "hotline", address = $"南街 12号 {token}", callerName = "王芳", callerPhone = phone,
        }));
        (lat, lon) = SampleCity.NextPoint();
        // Normal, not the category's urgent: urgent E04 cases go straight to an on-duty member (Dispatch:Auto), and whether one is on
        // duty depends on the tests before.
        var lamp = await Created(await client.PostAsJsonAsync("/api/incidents", new { category = "E0402", priority = "normal", lat, lon, description = $"水管 {token}", channel = "patrol" }));
        var unlocated = await Created(await client.PostAsJsonAsync("/api/incidents", new { category = "E0601", description = $"{token} 无位置", channel = "hotline" }));
        var grid = (await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{rubbish}")).GetProperty("gridId").GetString()!;
        return new Cases(token, phone, rubbish, lamp, unlocated, grid);
    }

    private static async Task<string> Created(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<List<string>> Listed(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/incidents?pageSize=500&{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>The case numbers of an export, in its order, read as a spreadsheet or a map reads it.</summary>
    private static async Task<List<string>> Exported(HttpClient client, string format, string query)
    {
        var response = await client.GetAsync($"/api/exports/incidents.{format}?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return format switch
        {
            "csv" => CsvRows(bytes).Skip(1).Select(r => r[0]).ToList(),
            "xlsx" => XlsxRows(bytes).Skip(1).Select(r => r[0]).ToList(),
            _ => JsonDocument.Parse(bytes).RootElement.GetProperty("features").EnumerateArray()
                .Select(f => f.GetProperty("properties").GetProperty("id").GetString()!).ToList(),
        };
    }

    [Fact]
    public async Task Every_filter_of_the_case_list_narrows_each_export_to_the_cases_the_list_shows()
    {
        var client = await center.ClientFor("operator1");
        var cases = await Report(client);
        var q = $"q={cases.Token}&{Window}";
        string[] filters =
        [
            "", "&step=1", "&step=2", "&state=reported", "&state=gridded", "&light=green", "&light=red", "&platform=LawEnforcement",
            "&platform=" + Uri.EscapeDataString("市场监管"), "&category=E0402", "&category=E0402&platform=LawEnforcement", "&channel=patrol",
            "&channel=hotline", "&open=true", "&open=false", "&overdue=false", "&overdue=true", $"&grid={cases.RubbishGrid}", $"&scope={cases.RubbishGrid}",
            $"&phone={cases.Phone}", "&q=" + Uri.EscapeDataString($"南街 {cases.Token}"),
        ];

        foreach (var filter in filters)
        {
            // A repeated q is the last one given, for the list and the exports alike.
            var query = filter.StartsWith("&q=", StringComparison.Ordinal) ? Window + filter : q + filter;
            var listed = await Listed(client, query.Replace("scope=", "grid="));
            foreach (var format in Formats)
                (await Exported(client, format, query)).Should().Equal(listed, $"the {format} export of \"{filter}\" holds the list's cases in its order");
        }
        (await Listed(client, q)).Should().Equal([cases.Unlocated, cases.Lamp, cases.Rubbish], "the filters above were tried on all three cases");
        var lamp = await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{cases.Lamp}");
        (await Listed(client, q + "&step=2")).Should().Equal([cases.Lamp, cases.Rubbish],
            $"both were located at once (the lamp stands {lamp.GetProperty("state").GetString()}, step {lamp.GetProperty("step").GetInt32()}, assignee {lamp.GetProperty("assigneeId")})");
        (await Listed(client, q + "&category=E0402")).Should().Equal([cases.Lamp]);
    }

    [Fact]
    public async Task The_three_formats_carry_the_same_columns_headed_in_chinese_and_english_and_the_csv_defuses_formulas()
    {
        var client = await center.ClientFor("operator1");
        var cases = await Report(client);
        var query = $"q={cases.Token}&category=E0102&{Window}";

        var csvResponse = await client.GetAsync($"/api/exports/incidents.csv?{query}");
        var csvBytes = await csvResponse.Content.ReadAsByteArrayAsync();
        var xlsx = XlsxRows(await client.GetByteArrayAsync($"/api/exports/incidents.xlsx?{query}"));
        var geo = await client.GetFromJsonAsync<JsonElement>($"/api/exports/incidents.geojson?{query}");

        csvResponse.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        csvBytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "a byte order mark, so spreadsheets read the Chinese right");
        var csv = CsvRows(csvBytes);
        csv[0].Should().StartWith(["编号 id", "状态 state", "环节 step"]).And.Contain(["灯 light", "地址 address", "描述 description"]);
        xlsx[0].Should().Equal(csv[0], "the workbook has the CSV's columns");
        var feature = geo.GetProperty("features").EnumerateArray().Single();
        feature.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().Equal(csv[0].Select(h => h.Split(' ')[1]), "the points carry the same properties");

        var column = csv[0].IndexOf("描述 description");
        csv[1][column].Should().Be($"'=垃圾 {cases.Token}, \"堆\"", "a formula start is prefixed with ' so a spreadsheet shows it");
        xlsx[1][column].Should().Be($"=垃圾 {cases.Token}, \"堆\"", "a workbook cell is text, never a formula");
        feature.GetProperty("properties").GetProperty("description").GetString().Should().Be($"=垃圾 {cases.Token}, \"堆\"");
        csv[1][csv[0].IndexOf("地址 address")].Should().Be($"南街 12号 {cases.Token}");
        xlsx[1][csv[0].IndexOf("环节 step")].Should().Be("2");
        feature.GetProperty("geometry").GetProperty("type").GetString().Should().Be("Point");
        feature.GetProperty("properties").GetProperty("step").GetInt32().Should().Be(2);
    }

    [Theory]
    [InlineData("step=0", "step", "1, 2, 3, 4, 5, 6, 7, 8, 9")]
    [InlineData("light=blue", "light", "green, yellow, red, none")]
    [InlineData("platform=Mars", "platform", "PublicSafety, LawEnforcement, MarketSupervision, CitizenServices")]
    [InlineData("category=Z9999", "category", "/api/categories")]
    [InlineData("channel=fax", "channel", "worker-app, hotline, open311, patrol, sensor")]
    [InlineData("open=maybe", "open", "true, false")]
    [InlineData("phone=abc", "phone", "digits")]
    [InlineData("q=%20%20", "q", "case number")]
    [InlineData("state=lost", "state", "reported")]
    [InlineData("grid=JY99", "grid", "JY99")]
    [InlineData("scope=JY99", "scope", "JY99")]
    [InlineData("grid=JY10&scope=JY01", "grid", "scope")]
    public async Task A_bad_filter_is_a_400_naming_it_in_every_format(string filter, string field, string allowed)
    {
        var client = await center.ClientFor("operator1");

        foreach (var format in Formats)
        {
            var response = await client.GetAsync($"/api/exports/incidents.{format}?{Window}&{filter}");

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, format);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain(allowed);
        }
    }

    [Theory]
    [InlineData("from=2026-01-01T00:00:00Z", "to")]
    [InlineData("to=2026-01-01T00:00:00Z", "from")]
    [InlineData("from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z", "to")]
    public async Task An_export_without_a_window_or_longer_than_a_year_is_refused_naming_the_bound_to_narrow(string window, string field)
    {
        var client = await center.ClientFor("operator1");

        foreach (var format in Formats)
        {
            var response = await client.GetAsync($"/api/exports/incidents.{format}?{window}");

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, format);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(format);
        }
    }

    [Fact]
    public async Task A_town_desk_exports_only_its_town_and_is_refused_another()
    {
        var city = await center.ClientFor("operator1");
        var token = "x" + Guid.NewGuid().ToString("N")[..10];
        var (lat, lon) = SampleCity.NextPoint();
        var inTown = await Created(await city.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = $"镇内 {token}", channel = "hotline" }));
        var elsewhere = await Created(await city.PostAsJsonAsync("/api/incidents",
            new { category = "E0601", lat = OtherTownLat + Random.Shared.NextDouble() * 0.002, lon = OtherTownLon, description = $"澄江 {token}", channel = "hotline" }));
        var town = await center.ClientFor("operator-jy10");
        var query = $"q={token}&{Window}";

        (await Exported(city, "csv", query)).Should().BeEquivalentTo([inTown, elsewhere], "the city desk sees both");
        foreach (var format in Formats)
        {
            (await Exported(town, format, query)).Should().Equal([inTown], $"the town desk's {format} export holds its town only");
            (await Exported(town, format, query + "&grid=JY10")).Should().Equal([inTown]);
            var refused = await town.GetAsync($"/api/exports/incidents.{format}?{query}&grid=JY01");
            refused.StatusCode.Should().Be(HttpStatusCode.Forbidden, format);
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("gridScope").GetString().Should().Be("JY10");
        }
    }

    /// <summary>RFC 4180, as a spreadsheet reads it: quoted fields may hold separators, quotes (doubled) and line breaks.</summary>
    private static List<List<string>> CsvRows(byte[] bytes)
    {
        var csv = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\ufeff');
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
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
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n') i++;
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }

    /// <summary>Every sheet's rows in order, each cell's text as shown (an inline string's text, a number's value), read back with the Open XML SDK.</summary>
    internal static List<List<string>> XlsxRows(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var rows = new List<List<string>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<X.Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            foreach (var row in part.Worksheet.Descendants<X.Row>())
                rows.Add(row.Elements<X.Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList());
        }
        return rows;
    }
}
