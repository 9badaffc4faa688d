using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CommandCenter.Grains.Incidents;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Properties;

/// <summary>
/// Every operation of the center's OpenAPI document, called by every kind of caller (anonymous, worker,
/// operator, town operator, supervisor, admin) with generated malformed input: wrong types, missing fields,
/// extreme numbers and dates, NaN, deep nesting, lone surrogates, control characters, very long strings,
/// traversal in ids, wrong content types and truncated bodies. Nothing answers 5xx, no answer names a CLR
/// type or a server path, and no incident appears that no answer announced. Seeded: a failure names its seed.
/// </summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public partial class FuzzTests(CenterFactory center, ITestOutputHelper output)
{
    private const int Seed = 1124;
    private const int AtLeast = 5_000;

    private static readonly string[] Callers = ["", "M00041", "operator1", "operator-jy10", "supervisor1", "admin"];

    private static readonly string[] RawBodies =
    [
        "", "{", "}", "[]", "null", "0", "\"text\"", "{\"a\":", "{\"lat\":1e400,\"lon\":-1e400}", "{\"pings\":[null,{},{\"lat\":\"x\"}]}",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0]]]}}]}",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"id\":\"\\ud800\",\"level\":1},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\"bad\"}}]}",
        "{\"tasks\":[{\"platform\":5}]}", "{\"photos\":[\"../../x\"]}", "{\"photos\":[null]}", "{\"satisfaction\":99999999999999999999}",
        new string('[', 5000), new string('{', 3) + "\"a\":" + new string('[', 200), "{\"description\":\"\\ud800\"}", "{\"note\":\"\\u0000\\u000b\"}", "\u0000\u0001\u0002",
        "{\"policy\":{\"timeZone\":\"Asia\"},\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2026-11-02T00:00:00Z\"}",
        "{\"policy\":{\"limits\":[{\"limit\":\"9999999999999999999999999999h\"}]},\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2026-11-02T00:00:00Z\"}",
        "{\"lat\":NaN}", "{\"dueAt\":\"9999-12-31T23:59:59Z\"}", "{\"at\":\"0001-01-01T00:00:00Z\"}",
    ];

    // No %00 in paths: Kestrel refuses a NUL in the path with 400 before the app runs; the in-process
    // test server throws in the client instead. %00 goes in query strings and bodies.
    private static readonly string[] IdValues =
        ["JY-20261124-000001", "M00041", "JY10", "E0102", "L1", "archive", "daily-report", "2026-11-24", "JY10.csv", "json", "xml",
         " ", "%20", "..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "x'--", "%ED%A0%80", "%0B", new string('9', 300), "%F0%9F%98%80", "null", "-1"];

    private static readonly string[] TextValues =
        ["", " ", "abc", "-1", "0", "NaN", "Infinity", "-Infinity", "1e309", "-1e309", "2147483648", "-9223372036854775809", "99999999999999999999999999999",
         "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+14:00", "2026-02-30", "2026-13-45T99:99", "1969-12-31T23:59:59Z",
         "true", "maybe", "../../etc/passwd", "JY10", "M00041", "E0102", "\u0000", "a\u000bb", "\ud800", "\udc00x", "=HYPERLINK(\"x\")", "<x/>&",
         new string('x', 5_000), "9999999999999999999999999999h", "Asia", "Asia/Shanghai", "30m"];

    [GeneratedRegex(@"\b(System|Microsoft|CommandCenter|NetTopologySuite|Orleans|StackExchange)\.[A-Z][A-Za-z]+(\.[A-Z][A-Za-z`0-9]+)+")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"JY-\d{8}-\d{6}")]
    private static partial Regex CaseNumber();

    [Fact]
    public async Task No_malformed_request_to_any_operation_gets_a_server_error_a_type_name_a_path_or_an_unannounced_incident()
    {
        var operations = await Operations();
        operations.Select(o => o.Path).Distinct().Count().Should().BeGreaterThan(30, "the fuzzer must reach the whole surface");
        var clients = new List<HttpClient>();
        foreach (var caller in Callers) clients.Add(caller == "" ? center.CreateClient() : await center.ClientFor(caller));
        var ledger = center.Services.GetRequiredService<IIncidentLedger>();
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        var announced = new HashSet<string>(StringComparer.Ordinal);
        var random = new Random(Seed);
        var rounds = (int)Math.Ceiling(AtLeast / (double)(operations.Count * clients.Count));
        var failures = new List<string>();
        var tried = 0;
        var serverPaths = new[] { center.DataDirectory, Repo.Root, Path.GetTempPath(), "/home/", "/usr/share/dotnet" };

        foreach (var operation in operations)
        foreach (var client in clients)
        for (var round = 0; round < rounds; round++)
        {
            // Now and then a well-formed report among the malformed ones: cases are created, so the check that every
            // created case was announced has something to hold against (an orphan opened beside a refusal would show).
            using var request = tried % 97 == 0 ? WellFormedReport(random) : Malformed(operation, random);
            var url = request.RequestUri!.ToString();
            HttpResponseMessage response;
            tried++;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                failures.Add($"{operation.Method} {url} → the connection failed: {e.GetType().Name}");
                continue;
            }
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status >= 500) failures.Add($"{operation.Method} {url} → {status}: {Clip(body)}");
            else if (status >= 400)
            {
                if (TypeName().Match(body) is { Success: true } type) failures.Add($"{operation.Method} {url} → {status} names the type {type.Value}");
                if (serverPaths.FirstOrDefault(p => body.Contains(p, StringComparison.Ordinal)) is { } path) failures.Add($"{operation.Method} {url} → {status} names the path {path}");
                if (body.Contains("   at ", StringComparison.Ordinal)) failures.Add($"{operation.Method} {url} → {status} carries a stack trace");
            }
            else foreach (Match m in CaseNumber().Matches(body)) announced.Add(m.Value);
        }

        var created = await ledger.Query(new IncidentQuery(null, null, null, started, DateTimeOffset.UtcNow.AddMinutes(1), DateTimeOffset.UtcNow, 0, 10_000));
        var unannounced = created.Items.Select(i => i.Id).Where(id => !announced.Contains(id)).ToList();
        var summary = $"fuzz (seed {Seed}): {tried} requests over {operations.Count} operations × {clients.Count} callers, {failures.Count} failures, " +
                      $"{created.Items.Count} incidents created, {unannounced.Count} unannounced";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        foreach (var failure in failures.Take(40)) output.WriteLine(failure);
        failures.Should().BeEmpty();
        tried.Should().BeGreaterThanOrEqualTo(AtLeast);
        created.Items.Should().NotBeEmpty("the well-formed reports among the requests created cases");
        unannounced.Should().BeEmpty("every incident created was announced by the answer that created it");
    }

    private static HttpRequestMessage WellFormedReport(Random random)
    {
        var (lat, lon) = SampleCity.NextPoint();
        var body = JsonSerializer.Serialize(new { category = random.Next(2) == 0 ? "E0104" : "E0302", lat, lon, description = "fuzz: a well-formed report", channel = "hotline" });
        return new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
    }

    private sealed record Parameter(string Name, string In, string Type);

    private sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters, IReadOnlyList<(string Name, string Type)> BodyFields, bool HasBody);

    /// <summary>The operations of the OpenAPI document the center serves, with their parameters and body fields.</summary>
    private async Task<List<Operation>> Operations()
    {
        var document = JsonNode.Parse(await center.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]?["schemas"]?.AsObject();
        JsonNode? Resolve(JsonNode? schema) =>
            schema?["$ref"]?.GetValue<string>() is { } reference ? schemas?[reference.Split('/')[^1]] : schema;
        string TypeOf(JsonNode? schema)
        {
            var resolved = Resolve(schema);
            return resolved?["type"] switch
            {
                JsonValue value => value.GetValue<string>(),
                JsonArray array => array.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t is not null and not "null") ?? "string",
                _ => resolved?["properties"] is not null ? "object" : "string",
            };
        }

        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, operation) in item!.AsObject())
        {
            if (operation is not JsonObject || method == "parameters") continue;
            var parameters = (operation["parameters"]?.AsArray() ?? []).Select(p => new Parameter(
                p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), TypeOf(p["schema"]))).ToList();
            var bodySchema = Resolve(operation["requestBody"]?["content"]?.AsObject().FirstOrDefault().Value?["schema"]);
            var fields = (bodySchema?["properties"]?.AsObject() ?? []).Select(p => (p.Key, TypeOf(p.Value))).ToList();
            operations.Add(new Operation(method.ToUpperInvariant(), path, parameters, fields, operation["requestBody"] is not null || method is "post" or "put"));
        }
        // Routes the document leaves out on purpose (Open311's catch-all) are still public surface.
        operations.Add(new Operation("GET", "/open311/v2/{resource}", [new Parameter("resource", "path", "string")], [], false));
        return operations;
    }

    private static HttpRequestMessage Malformed(Operation operation, Random random)
    {
        var path = Regex.Replace(operation.Path, "\\{([^}]+)\\}", m => m.Groups[1].Value switch
        {
            "format" => Pick(random, ["json", "xml", "html", "%0B", " "]),
            "action" => Pick(random, [.. IncidentActionWords.PersonActions.Select(IncidentActionWords.Word), "nonsense", "%20"]),
            _ => Pick(random, IdValues),
        });
        var query = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
            if (random.Next(3) > 0) query.Add($"{parameter.Name}={Escape(Value(parameter.Type, random))}");
        if (random.Next(8) == 0) query.Add($"{Pick(random, ["lat", "from", "to", "at", "scope", "start_date", "api_key"])}={Escape(Pick(random, TextValues))}");
        var url = path + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        if (operation.HasBody) request.Content = Body(operation, random);
        return request;
    }

    private static HttpContent Body(Operation operation, Random random)
    {
        string text;
        switch (random.Next(10))
        {
            case 0: text = Pick(random, RawBodies); break;
            case 1:
                var whole = Json(operation, random);
                text = whole[..random.Next(whole.Length + 1)];   // truncated
                break;
            default: text = Json(operation, random); break;
        }
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", random.Next(8) switch
        {
            0 => "text/plain",
            1 => "application/x-www-form-urlencoded",
            2 => "multipart/form-data",
            3 => "application/xml",
            _ => "application/json",
        });
        return content;
    }

    /// <summary>A body in the operation's shape with every field it gives wrong in some way; some fields left out.</summary>
    private static string Json(Operation operation, Random random)
    {
        var body = new JsonObject();
        foreach (var (name, type) in operation.BodyFields)
            if (random.Next(3) > 0) body[name] = Wrong(type, random);
        if (operation.BodyFields.Count == 0 || random.Next(4) == 0)
            body[Pick(random, ["lat", "note", "photos", "tasks", "policy", "description", "memberId", "pings", "dueAt"])] = Wrong(Pick(random, ["string", "array", "number", "object"]), random);
        return body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonNode? Wrong(string type, Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(Pick(random, TextValues)),
        2 => JsonNode.Parse(Pick(random, ["1e308", "-1e308", "0", "-1", "2147483648", "9223372036854775808", "1.5", "true"])),
        3 => new JsonArray(null, JsonValue.Create(Pick(random, TextValues)), new JsonObject()),
        4 => Deep(random.Next(1, 60)),   // deeper bodies come from RawBodies: JsonNode writes at most 64 levels
        5 => new JsonObject { ["lat"] = "x", ["platform"] = 5, ["memberId"] = JsonValue.Create(Pick(random, TextValues)) },
        _ => type switch
        {
            "string" => JsonValue.Create(Pick(random, TextValues)),
            "number" or "integer" => JsonValue.Create(Pick(random, TextValues)),
            "boolean" => JsonValue.Create(Pick(random, ["yes", "1", "NaN"])),
            "array" => new JsonArray(null, null),
            _ => JsonValue.Create(Pick(random, TextValues)),
        },
    };

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++) node = new JsonArray(node);
        return node;
    }

    private static string Value(string type, Random random) => type switch
    {
        "integer" or "number" => Pick(random, ["abc", "NaN", "1e309", "-1", "2147483648", "-9223372036854775809", "0x10", " ", "\u0000"]),
        "boolean" => Pick(random, ["maybe", "2", "\u000b"]),
        _ => Pick(random, TextValues),
    };

    /// <summary>Percent-encodes as UTF-8; a lone surrogate, which UTF-8 cannot carry, goes as the bytes a broken encoder would send.</summary>
    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsSurrogate(c) ? "%ED%A0%80" : Uri.EscapeDataString(c.ToString())));

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
