using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

/// <summary>The table in docs/authorization.md, checked: each role is refused where it must be.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class AuthorizationTests(CenterFactory center)
{
    [Theory]
    [InlineData("M00030", "GET", "/api/members")]
    [InlineData("M00001", "GET", "/api/incidents")]
    [InlineData("M00030", "GET", "/api/members/M00002/track")]
    [InlineData("M00001", "POST", "/api/members/M00002/locations")]
    [InlineData("M00001", "GET", "/api/wall/snapshot?scope=JY")]
    [InlineData("M00001", "GET", "/api/wall/snapshot?member=M00002")]
    [InlineData("M00001", "GET", "/api/replay")]
    [InlineData("M00001", "GET", "/api/kpis")]
    [InlineData("M00001", "GET", "/api/exports/incidents.csv")]
    [InlineData("M00003", "GET", "/api/inspections")]        // a 巡查员; a 督查员 lists its own tasks (RandomInspectionTests)
    [InlineData("operator1", "GET", "/api/replay")]
    [InlineData("operator1", "GET", "/api/kpis")]
    [InlineData("operator1", "GET", "/api/dossiers/members/M00001")]
    [InlineData("operator1", "POST", "/api/jobs/archive/run")]
    [InlineData("operator1", "POST", "/api/grids/import")]
    [InlineData("operator1", "GET", "/api/archive/verify")]
    [InlineData("supervisor1", "POST", "/api/jobs/daily-report/run")]
    [InlineData("supervisor1", "POST", "/api/grids/import")]
    [InlineData("operator-jy10", "GET", "/api/incidents?grid=JY01")]
    [InlineData("operator-jy10", "GET", "/api/wall/snapshot?scope=JY01")]
    [InlineData("operator-jy10", "GET", "/api/wall/snapshot?scope=JY")]
    public async Task A_role_is_refused_where_it_does_not_belong(string username, string method, string path)
    {
        var client = await center.ClientFor(username);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? JsonContent.Create(new { pings = new[] { new { lat = 31.8, lon = 120.3, at = DateTimeOffset.UtcNow } } }) : null,
        });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_operator_scoped_to_one_town_works_inside_it_and_not_in_another()
    {
        var cityOperator = await center.ClientFor("operator1");
        var townOperator = await center.ClientFor("operator-jy10");
        var (lat, lon) = SampleCity.NextPoint();                                  // in 徐霞客镇 (JY10)
        var inTown = (await (await cityOperator.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "镇内", channel = "hotline" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var elsewhere = (await (await cityOperator.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat = 31.9017, lon = 120.2824, description = "澄江", channel = "hotline" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        (await townOperator.GetAsync($"/api/incidents/{inTown}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await townOperator.GetAsync($"/api/incidents/{elsewhere}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await townOperator.PostAsJsonAsync($"/api/incidents/{elsewhere}/actions/dispatch", new { memberId = "M00001" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await townOperator.GetAsync("/api/wall/snapshot?scope=JY10")).StatusCode.Should().Be(HttpStatusCode.OK);
        var listed = await townOperator.GetFromJsonAsync<JsonElement>("/api/incidents?pageSize=500");
        listed.GetProperty("items").EnumerateArray().Should().OnlyContain(i => i.GetProperty("gridId").GetString()!.StartsWith("JY10"));
    }

    [Fact]
    public async Task A_worker_cannot_read_another_workers_incident_events()
    {
        var operatorClient = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var id = (await (await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "x", channel = "hotline" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00080" })).EnsureSuccessStatusCode();
        var stranger = await center.ClientFor("M00081");

        (await stranger.GetAsync($"/api/incidents/{id}/events")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await center.ClientFor("M00080")).GetAsync($"/api/incidents/{id}/events")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
