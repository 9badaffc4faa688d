using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Members;

/// <summary>
/// 一长五员 through the API: each member signs in with its duty's role and powers; a 网格长 sees its village's team
/// and cases and re-dispatches only within it; a 信息员's report goes to its block's 网格员 and comes back in its
/// "my reports"; a 督查员 verifies a handled case of its town.
/// </summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class TeamRoleApiTests(CenterFactory center)
{
    private static (double Lat, double Lon) PointIn(string gridId)
    {
        var point = SampleCity.Hierarchy.Find(gridId)!.Geometry.InteriorPoint;
        return (point.Y, point.X);
    }

    private static async Task<string> Report(HttpClient client, string gridId, string category, string description)
    {
        var (lat, lon) = PointIn(gridId);
        var response = await client.PostAsJsonAsync("/api/incidents", new { category, description, lat, lon });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static IReadOnlyList<string?> Claim(HttpClient client, string name)
    {
        var payload = client.DefaultRequestHeaders.Authorization!.Parameter!.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight((payload.Length + 3) / 4 * 4, '='))).RootElement;
        return !claims.TryGetProperty(name, out var p) ? [] : p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().Select(x => x.GetString()).ToList() : [p.GetString()];
    }

    [Theory]
    [InlineData("M00010", "grid-leader", "grid", "verify")]
    [InlineData("M00228", "inspector", "verify", "run-jobs")]
    [InlineData("M00233", "informant", "my-reports", "patrol")]
    [InlineData("M00235", "liaison", "grid", "verify")]
    [InlineData("M00011", "worker", "patrol", "grid")]
    public async Task A_member_signs_in_with_its_duty_and_the_powers_its_page_offers(string memberId, string role, string has, string hasNot)
    {
        var client = await center.ClientFor(memberId);

        Claim(client, "role").Should().Equal(role);
        Claim(client, "powers").Should().Contain(has).And.NotContain(hasNot);
    }

    [Fact]
    public async Task A_grid_leader_sees_its_villages_team_and_cases_and_re_dispatches_only_within_it()
    {
        var desk = await center.ClientFor("operator1");
        var leader = await center.ClientFor("M00010");
        var id = await Report(desk, "JY01-01-03", "E0102", "网格长测试：垃圾满溢");
        (await desk.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00013" })).EnsureSuccessStatusCode();

        var team = await leader.GetFromJsonAsync<JsonElement>("/api/members");
        team.EnumerateArray().Select(m => m.GetProperty("gridId").GetString()).Should().OnlyContain(g => g!.StartsWith("JY01-01"));
        (await leader.GetAsync("/api/members?grid=JY01-02")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var incident = await leader.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetProperty("action").GetString()).Should().Contain(["dispatch", "supervise"]);
        (await leader.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00023" })).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "M00023 belongs to the next village");
        (await leader.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00014", note = "换人处理" })).StatusCode
            .Should().Be(HttpStatusCode.OK);
        (await desk.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("assigneeId").GetString().Should().Be("M00014");

        var elsewhere = await Report(desk, "JY01-02-01", "E0102", "别的村的案件");
        (await leader.GetAsync($"/api/incidents/{elsewhere}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_informants_report_goes_to_its_blocks_worker_and_comes_back_in_its_reports()
    {
        var informant = await center.ClientFor("M00233");
        var id = await Report(informant, "JY03-01-02", "E0704", "三楼楼道堆放杂物");

        var desk = await center.ClientFor("operator1");
        var incident = await desk.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("state").GetString().Should().Be("dispatched");
        incident.GetProperty("assigneeId").GetString().Should().Be("M00239", "the 网格员 of block JY03-01-02");
        incident.GetProperty("channel").GetString().Should().Be("worker-app");

        var mine = await informant.GetFromJsonAsync<JsonElement>("/api/members/M00233/reports");
        mine.EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Contain(id);
        (await informant.GetAsync($"/api/incidents/{id}")).StatusCode.Should().Be(HttpStatusCode.OK, "it follows its own report");
        var other = await Report(desk, "JY03-01-03", "E0102", "别人上报的");
        (await informant.GetAsync($"/api/incidents/{other}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await informant.GetAsync("/api/members/M00234/reports")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_inspector_verifies_a_handled_case_of_its_town()
    {
        var desk = await center.ClientFor("operator1");
        var id = await Report(desk, "JY03-01-01", "E0102", "督查员核查测试");
        (await desk.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00238" })).EnsureSuccessStatusCode();
        var worker = await center.ClientFor("M00238");
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "已清理" })).EnsureSuccessStatusCode();

        var inspector = await center.ClientFor("M00228");
        var response = await inspector.PostAsJsonAsync($"/api/incidents/{id}/actions/verify", new { passed = true, note = "现场已清理" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await desk.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("state").GetString().Should().Be("verified");
        var outside = await Report(desk, "JY01-01-05", "E0102", "别的镇");
        (await inspector.GetAsync($"/api/incidents/{outside}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
