using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Tests.Intake;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

/// <summary>
/// Each malformed input an attacker tried answers 4xx with a message naming the field, before anything
/// is created; errors name fields and rules, never CLR types or server paths.
/// </summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class InputRejectionTests(CenterFactory center)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, string Body)> Send(HttpClient client, HttpMethod method, string url, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"api_key":"wrong","service_code":"E0102","lat":"31.8","long":"120.3","description":"\ud800"}""", "description")]
    [InlineData("""{"api_key":"wrong","service_code":"E0102","lat":"31.8","long":"120.3","description":"ok\u0000\u000bbad"}""", "description")]
    [InlineData("""{"api_key":"wrong","service_code":"E0102","lat":"31.8","long":"120.3","first_name":"\udc00"}""", "first_name")]
    public async Task A_public_request_with_broken_text_is_refused_in_the_standard_format_before_its_key_is_checked(string body, string field)
    {
        var before = await IntakeCalls.Total(center);

        var (status, answer) = await Send(center.CreateClient(), HttpMethod.Post, "/open311/v2/requests.json", Json(body));

        status.Should().Be(HttpStatusCode.BadRequest);
        var error = JsonDocument.Parse(answer).RootElement.EnumerateArray().Should().ContainSingle().Subject;
        error.GetProperty("code").GetInt32().Should().Be(400);
        error.GetProperty("description").GetString().Should().StartWith(field + ":");
        (await IntakeCalls.Total(center)).Should().Be(before);
    }

    [Fact]
    public async Task A_control_character_in_a_public_form_is_refused_and_the_public_xml_list_stays_readable()
    {
        var before = await IntakeCalls.Total(center);
        var client = center.CreateClient();

        var refused = await IntakeCalls.PostRequest(client, "xml", IntakeCalls.Form(("description", "垃圾\u0000\u000b堆放")));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("<code>400</code>").And.Contain("description:");
        (await IntakeCalls.Total(center)).Should().Be(before);
        (await client.GetAsync("/open311/v2/requests.xml")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/open311/v2/requests.json?start_date=9999-12-31T00:00:00Z", "start_date")]
    [InlineData("/open311/v2/requests.json?end_date=0001-01-01T00:00:00Z", "end_date")]
    [InlineData("/open311/v2/requests.xml?start_date=0001-01-01", "start_date")]
    public async Task Un_representable_dates_in_the_public_list_are_a_400_naming_the_parameter(string url, string field)
    {
        var (status, answer) = await Send(center.CreateClient(), HttpMethod.Get, url);

        status.Should().Be(HttpStatusCode.BadRequest);
        answer.Should().Contain(field + ":");
    }

    [Theory]
    [InlineData("GET", "/api/incidents/%20", "id")]
    [InlineData("GET", "/api/incidents/%20/events", "id")]
    [InlineData("GET", "/api/members/%20", "id")]
    [InlineData("PUT", "/api/members/%20/duty", "id")]
    [InlineData("GET", "/api/members/M00041/track?to=9999-12-31T23:59:59Z", "to")]
    [InlineData("GET", "/api/members/M00041/track?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("GET", "/api/scopes/JY10/state?at=9999-12-31T23:59:59Z", "at")]
    [InlineData("GET", "/api/incidents?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("GET", "/api/replay?from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z", "from")]
    public async Task Blank_ids_and_extreme_dates_are_a_400_naming_the_field(string method, string url, string field)
    {
        var client = await center.ClientFor("admin");

        var (status, answer) = await Send(client, new HttpMethod(method), url, method == "PUT" ? Json("""{"onDuty":true}""") : null);

        status.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(answer).RootElement;
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(field);
    }

    [Theory]
    [InlineData("""{"photos":[null]}""", "photos[0]")]
    [InlineData("""{"note":"\ud800"}""", "note")]
    [InlineData("""{"note":"a\u0007b"}""", "note")]
    [InlineData("""{"dueAt":"9999-12-31T23:59:59Z"}""", "dueAt")]
    public async Task Broken_action_bodies_are_a_400_naming_the_field_and_change_nothing(string body, string field)
    {
        var client = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var opened = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "输入检查" });
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var events = (await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events")).GetArrayLength();

        var (status, answer) = await Send(client, HttpMethod.Post, $"/api/incidents/{id}/actions/cancel", Json(body));

        status.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(answer).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Contain(field);
        (await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events")).GetArrayLength().Should().Be(events);
    }

    [Fact]
    public async Task A_note_over_its_limit_is_refused()
    {
        var client = await center.ClientFor("operator1");

        var (status, answer) = await Send(client, HttpMethod.Post, "/api/incidents/JY-20261124-000001/actions/cancel",
            Json(JsonSerializer.Serialize(new { note = new string('长', 2_001) })));

        status.Should().Be(HttpStatusCode.BadRequest);
        answer.Should().Contain("note").And.Contain("2,000");
    }

    [Theory]
    [InlineData("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc")]
    [InlineData("multipart/form-data; boundary=zzz", "--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nabc")]
    public async Task A_broken_or_boundary_less_multipart_photo_is_a_400(string contentType, string body)
    {
        var client = await center.ClientFor("M00041");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var (status, answer) = await Send(client, HttpMethod.Post, "/api/photos", content);

        status.Should().Be(HttpStatusCode.BadRequest);
        answer.Should().Contain("multipart");
    }

    [Theory]
    [InlineData("Asia", "timeZone")]
    [InlineData("../../etc/passwd", "timeZone")]
    public async Task A_what_if_policy_with_a_folder_for_a_time_zone_is_refused_naming_it(string zone, string field)
    {
        var client = await center.ClientFor("supervisor1");
        var policy = JsonNode(await File.ReadAllTextAsync(Path.Combine(Repo.SampleCity, "sla-policy.json")));
        policy["timeZone"] = zone;

        var (status, answer) = await Send(client, HttpMethod.Post, "/api/kpis/what-if", Json(JsonSerializer.Serialize(new { from = "2026-11-01T00:00:00Z", to = "2026-11-02T00:00:00Z", policy })));

        ((int)status).Should().BeOneOf(400, 422);
        answer.Should().Contain(field).And.NotContain("CommandCenter.").And.NotContain("System.");
    }

    [Fact]
    public async Task A_what_if_limit_that_overflows_is_refused_naming_it()
    {
        var client = await center.ClientFor("supervisor1");
        var body = """{"from":"2026-11-01T00:00:00Z","to":"2026-11-02T00:00:00Z","policy":{"timeZone":"Asia/Shanghai","limits":[{"step":"gridding","limit":"9999999999999999999999999999h"}]}}""";

        var (status, answer) = await Send(client, HttpMethod.Post, "/api/kpis/what-if", Json(body));

        ((int)status).Should().BeOneOf(400, 422);
        answer.Should().Contain("9999999999999999999999999999h");
    }

    [Theory]
    [InlineData("""{"from":"2026-11-01T00:00:00Z","to":"2026-11-02T00:00:00Z","policy":{"limits":"not a list"}}""")]
    [InlineData("""{"from":"2026-11-01T00:00:00Z","to":"2026-11-02T00:00:00Z","policy":{"timeZone":5}}""")]
    public async Task Policy_errors_name_the_place_not_a_type(string body)
    {
        var client = await center.ClientFor("supervisor1");

        var (status, answer) = await Send(client, HttpMethod.Post, "/api/kpis/what-if", Json(body));

        ((int)status).Should().BeOneOf(400, 422);
        answer.Should().Contain("policy").And.NotContain("CommandCenter.").And.NotContain("SlaPolicyFile");
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"\ud800","name":"x","level":1},"geometry":{"type":"Polygon","coordinates":[[[120,31],[121,31],[121,32],[120,31]]]}}]}""")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"G1","name":"x","level":1},"geometry":{"type":"Polygon","coordinates":"bad"}}]}""")]
    public async Task A_grid_import_with_a_broken_id_or_geometry_names_the_field_not_a_type(string body)
    {
        var client = await center.ClientFor("admin");

        var (status, answer) = await Send(client, HttpMethod.Post, "/api/grids/import", new StringContent(body, Encoding.UTF8, "application/geo+json"));

        ((int)status).Should().BeOneOf(400, 422);
        answer.Should().NotContain("NetTopologySuite").And.NotContain("CommandCenter.").And.NotContain("System.");
    }

    [Fact]
    public async Task The_token_answer_is_never_cached()
    {
        var response = await center.CreateClient().PostAsJsonAsync("/api/auth/token", new { username = "admin", password = CenterFactory.AdminPassword });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task The_daily_report_job_answer_names_no_server_path()
    {
        var client = await center.ClientFor("admin");

        var (status, answer) = await Send(client, HttpMethod.Post, "/api/jobs/daily-report/run", null);

        status.Should().Be(HttpStatusCode.OK);
        answer.Should().NotContain(center.DataDirectory).And.NotContain(Path.GetTempPath()).And.Contain("/api/reports/");
    }

    private static System.Text.Json.Nodes.JsonObject JsonNode(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
}
