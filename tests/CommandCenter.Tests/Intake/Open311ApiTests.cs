using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;
using static CommandCenter.Tests.Intake.IntakeCalls;

namespace CommandCenter.Tests.Intake;

/// <summary>The public Open311 GeoReport v2 API, checked field by field against the spec in JSON and in XML.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class Open311ApiTests(CenterFactory center)
{
    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ];
    private const string Iso8601WithOffset = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$";

    private async Task<string> Post(string format = "json", Dictionary<string, string>? form = null)
    {
        var response = await PostRequest(center.CreateClient(), format, form ?? Form());
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadAsStringAsync();
        return format == "json"
            ? JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString()!
            : XDocument.Parse(body).Root!.Element("request")!.Element("service_request_id")!.Value;
    }

    private static async Task<XElement> Xml(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_service_list_is_the_category_catalogue_in_json()
    {
        var response = await center.CreateClient().GetAsync("/open311/v2/services.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var services = (await Json(response)).EnumerateArray().ToList();
        services.Should().HaveCountGreaterThanOrEqualTo(40);
        services.Should().OnlyContain(s => s.EnumerateObject().Select(p => p.Name).SequenceEqual(ServiceFields));
        var rubbish = services.Single(s => s.GetProperty("service_code").GetString() == "E0102");
        rubbish.GetProperty("service_name").GetString().Should().Be("暴露垃圾");
        rubbish.GetProperty("metadata").GetBoolean().Should().BeFalse();
        rubbish.GetProperty("type").GetString().Should().Be("realtime");
        rubbish.GetProperty("group").GetString().Should().Be("市容环境");
        rubbish.GetProperty("keywords").GetString().Should().Contain("暴露垃圾");
        rubbish.GetProperty("description").GetString().Should().Contain("综合执法");
    }

    [Fact]
    public async Task The_service_list_in_xml_has_the_same_services_and_fields()
    {
        var json = (await Json(await center.CreateClient().GetAsync("/open311/v2/services.json"))).EnumerateArray().ToList();

        var root = await Xml(await center.CreateClient().GetAsync("/open311/v2/services.xml"));

        root.Name.LocalName.Should().Be("services");
        var services = root.Elements("service").ToList();
        services.Should().HaveCount(json.Count);
        services.Should().OnlyContain(s => s.Elements().Select(e => e.Name.LocalName).SequenceEqual(ServiceFields));
        var rubbish = services.Single(s => s.Element("service_code")!.Value == "E0102");
        rubbish.Element("service_name")!.Value.Should().Be("暴露垃圾");
        rubbish.Element("metadata")!.Value.Should().Be("false");
        rubbish.Element("type")!.Value.Should().Be("realtime");
        rubbish.Element("group")!.Value.Should().Be("市容环境");
    }

    [Fact]
    public async Task A_service_definition_has_no_attributes_and_an_unknown_code_is_a_404_in_the_spec_format()
    {
        var client = center.CreateClient();

        var definition = await Json(await client.GetAsync("/open311/v2/services/E0102.json"));
        definition.GetProperty("service_code").GetString().Should().Be("E0102");
        definition.GetProperty("attributes").GetArrayLength().Should().Be(0);
        var xml = await Xml(await client.GetAsync("/open311/v2/services/e0102.xml"));
        xml.Name.LocalName.Should().Be("service_definition");
        xml.Element("service_code")!.Value.Should().Be("E0102");
        xml.Element("attributes")!.HasElements.Should().BeFalse();

        var unknown = await client.GetAsync("/open311/v2/services/X9999.json");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var error = (await Json(unknown))[0];
        error.GetProperty("code").GetInt32().Should().Be(404);
        error.GetProperty("description").GetString().Should().Contain("X9999");
        var unknownXml = await client.GetAsync("/open311/v2/services/X9999.xml");
        unknownXml.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var xmlError = (await Xml(unknownXml)).Element("error")!;
        xmlError.Element("code")!.Value.Should().Be("404");
        xmlError.Element("description")!.Value.Should().Contain("X9999");
    }

    [Fact]
    public async Task A_posted_request_opens_an_incident_on_the_open311_channel_with_the_reporter_kept_for_staff()
    {
        var before = await Total(center);

        var response = await PostRequest(center.CreateClient(), "json", Form());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var created = (await Json(response)).EnumerateArray().Single();
        created.EnumerateObject().Select(p => p.Name).Should().Equal("service_request_id", "service_notice", "account_id");
        var id = created.GetProperty("service_request_id").GetString()!;
        id.Should().MatchRegex(@"^JY-\d{8}-\d{6}$");
        created.GetProperty("service_notice").GetString().Should().Contain(id).And.Contain("综合执法");
        created.GetProperty("account_id").ValueKind.Should().Be(JsonValueKind.Null);
        (await Total(center)).Should().Be(before + 1);

        var incident = await Incident(center, id);
        incident.GetProperty("channel").GetString().Should().Be("open311");
        incident.GetProperty("category").GetString().Should().Be("E0102");
        incident.GetProperty("state").GetString().Should().Be("gridded");
        incident.GetProperty("address").GetString().Should().Be("徐霞客镇璜塘大街 12 号");
        incident.GetProperty("callerName").GetString().Should().Be("张三");
        incident.GetProperty("callerPhone").GetString().Should().Be("0510-86801234");
        incident.GetProperty("photos").EnumerateArray().Select(p => p.GetString()).Should().Equal("https://photos.example.cn/rubbish-12.jpg");
        var report = incident.GetProperty("timeline")[0];
        report.GetProperty("actor").GetString().Should().Be("open311:key0");
        report.GetProperty("actorRole").GetString().Should().Be("public");
    }

    [Fact]
    public async Task A_posted_request_answers_in_xml_and_a_json_body_is_accepted_too()
    {
        var xml = await Xml(await PostRequest(center.CreateClient(), "xml", Form()));
        xml.Name.LocalName.Should().Be("service_requests");
        var request = xml.Elements("request").Single();
        request.Elements().Select(e => e.Name.LocalName).Should().Equal("service_request_id", "service_notice", "account_id");
        request.Element("service_request_id")!.Value.Should().MatchRegex(@"^JY-\d{8}-\d{6}$");
        request.Element("account_id")!.IsEmpty.Should().BeTrue();

        var (lat, lon) = SampleCity.NextPoint();
        var json = await center.CreateClient().PostAsync("/open311/v2/requests.json", new StringContent(
            JsonSerializer.Serialize(new { api_key = CenterFactory.Open311ApiKey, service_code = "C0203", lat, @long = lon }),
            Encoding.UTF8, "application/json"));
        json.StatusCode.Should().Be(HttpStatusCode.OK, await json.Content.ReadAsStringAsync());
        var id = (await Json(json))[0].GetProperty("service_request_id").GetString()!;
        (await Incident(center, id)).GetProperty("category").GetString().Should().Be("C0203");
    }

    [Fact]
    public async Task A_request_reads_back_field_by_field_in_json()
    {
        var form = Form();
        var id = await Post(form: form);
        var incident = await Incident(center, id);

        var response = await center.CreateClient().GetAsync($"/open311/v2/requests/{id}.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var request = (await Json(response)).EnumerateArray().Single();
        request.EnumerateObject().Select(p => p.Name).Should().Equal(RequestFields);
        request.GetProperty("service_request_id").GetString().Should().Be(id);
        request.GetProperty("status").GetString().Should().Be("open");
        request.GetProperty("status_notes").GetString().Should().NotBeNullOrEmpty();
        request.GetProperty("service_name").GetString().Should().Be("暴露垃圾");
        request.GetProperty("service_code").GetString().Should().Be("E0102");
        request.GetProperty("description").GetString().Should().Be("路边堆着暴露垃圾");
        request.GetProperty("agency_responsible").GetString().Should().Be("综合执法");
        request.GetProperty("service_notice").GetString().Should().NotBeNullOrEmpty();
        var requested = request.GetProperty("requested_datetime").GetString()!;
        requested.Should().MatchRegex(Iso8601WithOffset).And.EndWith("+08:00");
        DateTimeOffset.Parse(requested, CultureInfo.InvariantCulture).Should().BeCloseTo(incident.GetProperty("createdAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));
        DateTimeOffset.Parse(request.GetProperty("updated_datetime").GetString()!, CultureInfo.InvariantCulture)
            .Should().BeOnOrAfter(DateTimeOffset.Parse(requested, CultureInfo.InvariantCulture));
        var expected = request.GetProperty("expected_datetime").GetString()!;
        expected.Should().MatchRegex(Iso8601WithOffset);
        var activeDue = incident.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("active").GetBoolean()).GetProperty("dueAt").GetDateTimeOffset();
        DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture).Should().BeCloseTo(activeDue, TimeSpan.FromSeconds(1));
        request.GetProperty("address").GetString().Should().Be("徐霞客镇璜塘大街 12 号");
        request.GetProperty("address_id").ValueKind.Should().Be(JsonValueKind.Null);
        request.GetProperty("zipcode").ValueKind.Should().Be(JsonValueKind.Null);
        request.GetProperty("lat").GetDouble().Should().Be(double.Parse(form["lat"], CultureInfo.InvariantCulture));
        request.GetProperty("long").GetDouble().Should().Be(double.Parse(form["long"], CultureInfo.InvariantCulture));
        request.GetProperty("media_url").GetString().Should().Be("https://photos.example.cn/rubbish-12.jpg");
        request.ToString().Should().NotContain("0510-86801234").And.NotContain("张三").And.NotContain("zhang.san");
    }

    [Fact]
    public async Task A_request_reads_back_in_xml_with_the_same_fields_and_values_as_json()
    {
        var form = Form();
        var id = await Post("xml", form);
        var json = (await Json(await center.CreateClient().GetAsync($"/open311/v2/requests/{id}.json")))[0];

        var root = await Xml(await center.CreateClient().GetAsync($"/open311/v2/requests/{id}.xml"));

        root.Name.LocalName.Should().Be("service_requests");
        var request = root.Elements("request").Single();
        request.Elements().Select(e => e.Name.LocalName).Should().Equal(RequestFields);
        foreach (var field in RequestFields)
        {
            var value = json.GetProperty(field);
            var expected = value.ValueKind switch
            {
                JsonValueKind.Null => "",
                JsonValueKind.String => value.GetString(),
                _ => value.GetRawText(),
            };
            request.Element(field)!.Value.Should().Be(expected, field);
        }
        request.Element("status")!.Value.Should().Be("open");
        request.Element("lat")!.Value.Should().Be(form["lat"]);
        request.Element("long")!.Value.Should().Be(form["long"]);
    }

    [Fact]
    public async Task Requests_are_found_by_ids_service_code_status_and_date_window()
    {
        var first = await Post();
        var second = await Post(form: Form(("service_code", "C0203")));
        var client = center.CreateClient();
        async Task<List<string>> Ids(string query) =>
            (await Json(await client.GetAsync($"/open311/v2/requests.json?{query}"))).EnumerateArray()
                .Select(r => r.GetProperty("service_request_id").GetString()!).ToList();

        (await Ids($"service_request_id={first},{second}")).Should().BeEquivalentTo([first, second]);
        (await Ids("")).Should().Contain([first, second]);
        (await Ids("service_code=C0203")).Should().Contain(second).And.NotContain(first);
        (await Ids("service_code=E0102&status=open")).Should().Contain(first);
        (await Ids("status=closed")).Should().NotContain([first, second]);
        var today = DateTimeOffset.UtcNow;
        (await Ids($"start_date={Uri.EscapeDataString(today.AddHours(-1).ToString("O"))}&end_date={Uri.EscapeDataString(today.AddHours(1).ToString("O"))}"))
            .Should().Contain([first, second]);
        (await Ids($"end_date={Uri.EscapeDataString(today.AddDays(-1).ToString("O"))}")).Should().NotContain([first, second]);

        await (await center.ClientFor("operator1")).PostAsJsonAsync($"/api/incidents/{first}/actions/cancel", new { note = "重复上报" });
        (await Ids("status=closed")).Should().Contain(first);
        (await Json(await client.GetAsync($"/open311/v2/requests/{first}.json")))[0].GetProperty("status").GetString().Should().Be("closed");
    }

    [Theory]
    [InlineData("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "end_date")]
    [InlineData("start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", "start_date")]
    [InlineData("start_date=yesterday", "start_date")]
    [InlineData("status=pending", "status")]
    [InlineData("service_code=X9999", "service_code")]
    public async Task A_bad_filter_is_a_400_naming_it_in_the_spec_format(string query, string field)
    {
        var response = await center.CreateClient().GetAsync($"/open311/v2/requests.json?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await Json(response)).EnumerateArray().ToList();
        errors.Should().OnlyContain(e => e.GetProperty("code").GetInt32() == 400);
        errors.Select(e => e.GetProperty("description").GetString()).Should().Contain(d => d!.StartsWith(field + ":"));
    }

    [Fact]
    public async Task Reports_from_other_channels_stay_out_of_the_public_api()
    {
        var operatorClient = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var hotline = await operatorClient.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0701", lat, lon, description = "邻里纠纷", channel = "hotline",
            callerName = "李四", callerPhone = "13800000000",
        });
        var id = (await hotline.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        (await center.CreateClient().GetAsync($"/open311/v2/requests/{id}.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Json(await center.CreateClient().GetAsync($"/open311/v2/requests.json?service_request_id={id}"))).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_request_repeating_an_open_one_nearby_gets_that_case_and_opens_nothing()
    {
        var first = Form();
        var id = await Post(form: first);
        var before = await Total(center);

        var again = await PostRequest(center.CreateClient(), "json", Form(("lat", first["lat"]), ("long", first["long"]), ("description", "又看到这堆垃圾")));

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = (await Json(again))[0];
        answer.GetProperty("service_request_id").GetString().Should().Be(id);
        answer.GetProperty("service_notice").GetString().Should().Contain(id);
        (await Total(center)).Should().Be(before);
        (await Incident(center, id)).GetProperty("links").EnumerateArray().Should().ContainSingle(l => l.GetProperty("channel").GetString() == "open311");
    }

    [Fact]
    public async Task A_token_is_the_case_number_and_an_unknown_one_is_a_404()
    {
        var id = await Post();
        var client = center.CreateClient();

        var token = (await Json(await client.GetAsync($"/open311/v2/tokens/{id}.json"))).EnumerateArray().Single();
        token.GetProperty("service_request_id").GetString().Should().Be(id);
        token.GetProperty("token").GetString().Should().Be(id);
        var xml = (await Xml(await client.GetAsync($"/open311/v2/tokens/{id}.xml"))).Element("request")!;
        xml.Element("token")!.Value.Should().Be(id);

        var unknown = await client.GetAsync("/open311/v2/tokens/JY-19990101-000001.json");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Json(unknown))[0].GetProperty("code").GetInt32().Should().Be(404);
        (await client.GetAsync("/open311/v2/requests/JY-19990101-000001.xml")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    // An unknown service_code is a 404 (Open311StandardTests); a missing one is a bad field.
    [InlineData("xml", "service_code", null, "service_code")]
    [InlineData("json", "lat", "95", "lat")]
    [InlineData("xml", "long", "-181", "long")]
    [InlineData("json", "lat", "north", "lat")]
    [InlineData("xml", "lat", null, "lat")]
    [InlineData("json", "long", null, "long")]
    [InlineData("json", "lat", ShanghaiLat, "lat")]
    [InlineData("xml", "media_url", "file:///etc/passwd", "media_url")]
    [InlineData("json", "phone", "call me", "phone")]
    public async Task A_bad_request_is_a_400_naming_the_field_in_the_spec_format_and_creates_nothing(string format, string name, string? value, string field)
    {
        var before = await Total(center);
        var form = name == "lat" && value == ShanghaiLat ? Form(("lat", ShanghaiLat), ("long", ShanghaiLon)) : Form((name, value));

        var response = await PostRequest(center.CreateClient(), format, form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var descriptions = await ErrorDescriptions(response, format, 400);
        descriptions.Should().Contain(d => d.StartsWith(field + ":"), string.Join(" | ", descriptions));
        (await Total(center)).Should().Be(before);
    }

    [Theory]
    [InlineData("json", null)]
    [InlineData("xml", null)]
    [InlineData("json", "not-our-key")]
    [InlineData("xml", "")]
    public async Task Posting_without_a_valid_api_key_is_a_403_in_the_spec_format_and_creates_nothing(string format, string? apiKey)
    {
        var before = await Total(center);

        var response = await PostRequest(center.CreateClient(), format, Form(("api_key", apiKey)));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ErrorDescriptions(response, format, 403)).Should().ContainSingle(d => d.StartsWith("api_key:"));
        (await Total(center)).Should().Be(before);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task An_oversize_body_is_a_413_in_the_spec_format_and_creates_nothing(string format)
    {
        var before = await Total(center);

        var response = await PostRequest(center.CreateClient(), format, Form(("description", new string('x', 1_100_000))));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ErrorDescriptions(response, format, 413)).Should().ContainSingle();
        (await Total(center)).Should().Be(before);
    }

    [Fact]
    public async Task An_unknown_format_or_an_unreadable_body_is_refused()
    {
        var client = center.CreateClient();

        (await client.GetAsync("/open311/v2/services.yaml")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var plain = await client.PostAsync("/open311/v2/requests.json", new StringContent("api_key=x", Encoding.UTF8, "text/plain"));
        plain.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(plain))[0].GetProperty("code").GetInt32().Should().Be(400);
    }

    private static async Task<List<string>> ErrorDescriptions(HttpResponseMessage response, string format, int code)
    {
        if (format == "json")
        {
            var errors = (await Json(response)).EnumerateArray().ToList();
            errors.Should().NotBeEmpty().And.OnlyContain(e => e.EnumerateObject().Select(p => p.Name).SequenceEqual(new[] { "code", "description" }));
            errors.Should().OnlyContain(e => e.GetProperty("code").GetInt32() == code);
            return errors.Select(e => e.GetProperty("description").GetString()!).ToList();
        }
        var root = await Xml(response);
        root.Name.LocalName.Should().Be("errors");
        var xmlErrors = root.Elements("error").ToList();
        xmlErrors.Should().NotBeEmpty().And.OnlyContain(e => e.Element("code")!.Value == code.ToString(CultureInfo.InvariantCulture));
        return xmlErrors.Select(e => e.Element("description")!.Value).ToList();
    }
}
