using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Intake;

/// <summary>GeoReport v2 to the letter: unknown resources and service codes are 404s, and every error is the standard's error list, in the format asked for.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class Open311StandardTests(CenterFactory center)
{
    private static async Task<(int Code, string Description)> JsonError(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Should().ContainSingle().Subject;
        return (error.GetProperty("code").GetInt32(), error.GetProperty("description").GetString()!);
    }

    private static async Task<(int Code, string Description)> XmlError(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Should().Match<XElement>(r => r.Name == "errors").And.Subject.Elements("error").Should().ContainSingle().Subject;
        return ((int)error.Element("code")!, (string)error.Element("description")!);
    }

    [Theory]
    [InlineData("GET", "/open311/v2/nothing.json")]
    [InlineData("GET", "/open311/v2/")]
    [InlineData("GET", "/open311/v2/requests/a/b/c.json")]
    [InlineData("POST", "/open311/v2/discovery.json")]
    public async Task An_unknown_resource_is_a_404_in_the_json_error_list(string method, string url)
    {
        var response = await center.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await JsonError(response)).Code.Should().Be(404);
    }

    [Fact]
    public async Task An_unknown_resource_asked_as_xml_is_a_404_in_the_xml_error_list()
    {
        var response = await center.CreateClient().GetAsync("/open311/v2/nothing.xml");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await XmlError(response)).Code.Should().Be(404);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task An_unknown_service_code_on_post_is_a_404_and_creates_nothing(string format)
    {
        var before = await IntakeCalls.Total(center);

        var response = await IntakeCalls.PostRequest(center.CreateClient(), format, IntakeCalls.Form(("service_code", "Z9999")));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var (code, description) = format == "json" ? await JsonError(response) : await XmlError(response);
        code.Should().Be(404);
        description.Should().StartWith("service_code:");
        (await IntakeCalls.Total(center)).Should().Be(before);
    }

    [Fact]
    public async Task Parameters_in_the_query_string_of_a_post_are_honoured()
    {
        var form = IntakeCalls.Form(("description", "查询串里的参数"));
        var query = string.Join('&', form.Where(f => f.Key is "service_code" or "lat" or "long" or "description")
            .Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
        var body = form.Where(f => f.Key is not ("service_code" or "lat" or "long" or "description")).ToDictionary();

        var response = await center.CreateClient().PostAsync($"/open311/v2/requests.json?{query}", new FormUrlEncodedContent(body));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
        (await IntakeCalls.Incident(center, id)).GetProperty("description").GetString().Should().Be("查询串里的参数");
    }

    [Fact]
    public async Task A_request_located_only_by_an_address_the_gazetteer_knows_is_placed_on_its_grid()
    {
        var response = await IntakeCalls.PostRequest(center.CreateClient(), "json",
            IntakeCalls.Form(("lat", null), ("long", null), ("address_string", "徐霞客镇人民政府")));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
        var incident = await IntakeCalls.Incident(center, id);
        incident.GetProperty("gridChain").EnumerateArray().Select(g => g.GetString()).Should().Contain("JY10", "the town's seat lies in 徐霞客镇");
        incident.GetProperty("state").GetString().Should().Be("gridded");
    }

    [Theory]
    [InlineData("徐霞客镇璜塘大街 12 号")]
    [InlineData("镇")]
    [InlineData("somewhere")]
    public async Task A_request_whose_address_no_place_matches_with_confidence_is_a_400_naming_address_string(string address)
    {
        var before = await IntakeCalls.Total(center);

        var response = await IntakeCalls.PostRequest(center.CreateClient(), "json", IntakeCalls.Form(("lat", null), ("long", null), ("address_string", address)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await JsonError(response)).Description.Should().StartWith("address_string:");
        (await IntakeCalls.Total(center)).Should().Be(before);
    }
}

/// <summary>The rate limiter answers Open311 callers in the standard's error list too.</summary>
[Trait("Category", "InProcess")]
public class Open311RateLimitTests
{
    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task Too_many_requests_is_a_429_in_the_standard_error_list(string format)
    {
        using var limited = new CenterFactory(null, settings: new Dictionary<string, string> { ["RateLimits:PublicIntakePerMinute"] = "2" });
        var client = limited.CreateClient();

        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++) last = await client.GetAsync($"/open311/v2/services.{format}");

        last.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var text = await last.Content.ReadAsStringAsync();
        if (format == "json")
            JsonDocument.Parse(text).RootElement[0].GetProperty("code").GetInt32().Should().Be(429);
        else
            ((int)XDocument.Parse(text).Root!.Element("error")!.Element("code")!).Should().Be(429);
    }
}
