using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Kpis;

/// <summary>A center of the KPI tests' own whose domain clock the tests move.</summary>
public sealed class FakeClockCenter() : CenterFactory(null, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow))
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider FakeClock => (Microsoft.Extensions.Time.Testing.FakeTimeProvider)Clock!;
}

/// <summary>KPIs and what-if through the API, on a center of their own with a clock the tests move.</summary>
[Trait("Category", "InProcess")]
public class KpiApiTests(FakeClockCenter center) : IClassFixture<FakeClockCenter>
{
    private static string Window => $"from={Instants.Query(DateTimeOffset.UtcNow.AddHours(-1))}&to={Instants.Query(DateTimeOffset.UtcNow.AddHours(1))}";

    [Fact]
    public async Task Kpis_break_the_city_down_by_member_grid_and_platform()
    {
        var loop = await Loop.For(center);
        await loop.Filed("M00024", satisfaction: 4);
        var supervisor = await center.ClientFor("supervisor1");

        var byMember = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{Window}&by=member");
        byMember.GetProperty("by").GetString().Should().Be("member");
        var row = byMember.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "M00024").GetProperty("kpis");
        row.GetProperty("handledOnTime").GetProperty("rate").GetDouble().Should().Be(1);
        row.GetProperty("satisfaction").GetProperty("numerator").GetInt32().Should().Be(1);

        var byGrid = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{Window}");
        byGrid.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).Should().Contain("JY10");
        var byPlatform = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{Window}&by=platform&scope=JY10");
        byPlatform.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).Should().Contain("LawEnforcement");
    }

    [Fact]
    public async Task The_standards_indicators_come_back_in_total_and_by_group_with_composite_grade_and_rank()
    {
        var loop = await Loop.For(center);
        await loop.Filed("M00025", satisfaction: 5);
        var invalid = await loop.Report("nothing there");
        var operatorClient = await center.ClientFor("operator1");
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{invalid}/actions/cancel", new { note = "invalid: nothing found" })).EnsureSuccessStatusCode();
        var supervisor = await center.ClientFor("supervisor1");

        var total = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{Window}");
        var kpis = total.GetProperty("total");
        foreach (var rate in new[] { "dispatchedOnTime", "verifiedOnTime", "closure", "handled", "accurateFiling", "validReports" })
            kpis.GetProperty(rate).TryGetProperty("rate", out _).Should().BeTrue($"{rate} is a rate");
        kpis.GetProperty("filed").GetInt32().Should().BeGreaterThanOrEqualTo(2, "both incidents were located at once");
        kpis.GetProperty("handledLate").ValueKind.Should().Be(JsonValueKind.Number);
        kpis.GetProperty("dispatchedOnTime").GetProperty("numerator").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        var valid = kpis.GetProperty("validReports");
        valid.GetProperty("numerator").GetInt32().Should().BeLessThan(valid.GetProperty("denominator").GetInt32(), "the cancelled report is not valid");
        var accurate = kpis.GetProperty("accurateFiling");
        accurate.GetProperty("numerator").GetInt32().Should().BeLessThan(accurate.GetProperty("denominator").GetInt32(), "the cancelled case was filed in error");
        total.GetProperty("composite").GetDouble().Should().BeInRange(0, 100);
        total.GetProperty("grade").GetString().Should().BeOneOf("excellent", "good", "pass", "fail");
        total.GetProperty("gradeName").GetString().Should().BeOneOf("优秀", "良好", "合格", "不合格");

        var member = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{Window}&by=member"))
            .GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "M00025");
        member.GetProperty("kpis").GetProperty("handled").GetProperty("numerator").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        member.GetProperty("kpis").GetProperty("verifiedOnTime").GetProperty("rate").GetDouble().Should().Be(1, "verified at once");
        member.GetProperty("rank").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        member.GetProperty("composite").GetDouble().Should().BeInRange(0, 100);

        var platform = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{Window}&by=platform"))
            .GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "LawEnforcement");
        platform.GetProperty("kpis").GetProperty("satisfaction").GetProperty("numerator").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        platform.GetProperty("kpis").GetProperty("handledOnTime").GetProperty("rate").ValueKind.Should().Be(JsonValueKind.Number);
        platform.GetProperty("rank").GetInt32().Should().Be(1, "the only platform the sample loop reports for");

        var channel = (await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{Window}&by=channel"));
        channel.GetProperty("by").GetString().Should().Be("channel");
        var hotline = channel.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "hotline").GetProperty("kpis");
        hotline.GetProperty("validReports").GetProperty("denominator").GetInt32().Should().BeGreaterThanOrEqualTo(2);
        var reporter = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{Window}&by=reporter");
        reporter.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).Should().Contain("operator1", "the operator took the calls");
    }

    [Theory]
    [InlineData("by=team", "by")]
    [InlineData("scope=JY99", "scope")]
    [InlineData("from=2026-13-01", "from")]
    public async Task Bad_kpi_queries_name_the_field(string query, string field)
    {
        var supervisor = await center.ClientFor("supervisor1");
        var url = query.StartsWith("from") ? $"/api/kpis?{query}&to=2026-12-01T00:00:00Z" : $"/api/kpis?{Window}&{query}";

        var response = await supervisor.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
        (await (await center.ClientFor("operator1")).GetAsync($"/api/kpis?{Window}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task What_if_a_one_second_policy_shows_waiting_work_turning_red()
    {
        var loop = await Loop.For(center);
        var waiting = await loop.Report("waiting for dispatch");
        center.FakeClock.Advance(TimeSpan.FromSeconds(2)); // past a one-second limit, not past the sample's minutes

        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.SampleCity, "sla-policy.json")))!;
        foreach (var rule in policy["limits"]!.AsArray()) rule!["limit"] = "1s";
        var supervisor = await center.ClientFor("supervisor1");
        var now = center.FakeClock.GetUtcNow();

        var response = await supervisor.PostAsJsonAsync("/api/kpis/what-if", new { from = now.AddHours(-1), to = now.AddHours(1), policy });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var change = result.GetProperty("lightChanges").EnumerateArray().Single(c => c.GetProperty("incidentId").GetString() == waiting);
        change.GetProperty("actual").GetString().Should().Be("green");
        change.GetProperty("alternative").GetString().Should().Be("red");
        change.GetProperty("change").GetString().Should().Be("worse");
        result.GetProperty("differences").EnumerateArray().Select(d => d.GetProperty("kpi").GetString()).Should().Contain("handledOnTime");
    }

    [Fact]
    public async Task A_bad_what_if_policy_is_a_422_naming_the_bad_entry()
    {
        var supervisor = await center.ClientFor("supervisor1");
        var now = DateTimeOffset.UtcNow;
        var badPolicy = JsonNode.Parse("""{"timeZone":"Asia/Shanghai","limits":[{"step":"grid","limit":"soon"}]}""");
        var body = new JsonObject { ["from"] = now.AddHours(-1).ToString("O"), ["to"] = now.ToString("O"), ["policy"] = badPolicy }.ToJsonString();

        var response = await supervisor.PostAsync("/api/kpis/what-if", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be((HttpStatusCode)422);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().Should().Contain("policy.limits[0].limit");
        problem.GetProperty("errors").GetProperty("policy").EnumerateArray().Should().NotBeEmpty();

        var missing = await supervisor.PostAsJsonAsync("/api/kpis/what-if", new { from = now.AddHours(-1), to = now });
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("policy", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Incidents_of_a_window_export_as_geojson_points_and_as_csv()
    {
        var loop = await Loop.For(center);
        var id = await loop.Report("export me");
        var operatorClient = await center.ClientFor("operator1");

        var geo = await operatorClient.GetAsync($"/api/exports/incidents.geojson?{Window}&scope=JY10");
        geo.Content.Headers.ContentType!.MediaType.Should().Be("application/geo+json");
        var collection = await geo.Content.ReadFromJsonAsync<JsonElement>();
        collection.GetProperty("type").GetString().Should().Be("FeatureCollection");
        var feature = collection.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("id").GetString() == id);
        var reported = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        feature.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble().Should().Be(reported.GetProperty("lon").GetDouble());
        feature.GetProperty("geometry").GetProperty("coordinates")[1].GetDouble().Should().Be(reported.GetProperty("lat").GetDouble());

        var csv = await operatorClient.GetStringAsync($"/api/exports/incidents.csv?{Window}");
        csv.Should().Contain("编号 id,状态 state,环节 step").And.Contain(id);
        (await operatorClient.GetStringAsync($"/api/exports/incidents.csv?{Window}&scope=JY01")).Should().NotContain(id, "the incident lies in JY10");

        (await operatorClient.GetAsync("/api/exports/incidents.csv?from=2026-01-01T00:00:00Z")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await (await center.ClientFor("M00020")).GetAsync($"/api/exports/incidents.csv?{Window}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
