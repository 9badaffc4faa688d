using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Dispatch;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class RecommendationApiTests(CenterFactory center)
{
    [Fact]
    public async Task Recommendations_rank_on_duty_members_of_the_grid_chain_with_reasons()
    {
        var operatorClient = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var created = await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0202", lat, lon, description = "小广告", channel = "hotline" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var incident = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        var chain = incident.GetProperty("gridChain").EnumerateArray().Select(g => g.GetString()!).ToList();
        // Members whose home grid is on the incident's chain (its block, village, town).
        var team = (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/members?grid={chain[2]}")).EnumerateArray()
            .Where(m => chain.Contains(m.GetProperty("gridId").GetString()!) && m.GetProperty("role").GetString() != "Supervisor")
            .Select(m => m.GetProperty("id").GetString()!).Take(3).ToList();
        team.Should().HaveCount(3);

        // Two members go on duty near the incident; the third stays off duty.
        foreach (var (member, metres) in new[] { (team[0], 300.0), (team[1], 30.0) })
        {
            var worker = await center.ClientFor(member);
            (await worker.PutAsJsonAsync($"/api/members/{member}/duty", new { state = "on" })).EnsureSuccessStatusCode();
            (await worker.PostAsJsonAsync($"/api/members/{member}/locations", new { pings = new[] { new { lat = lat + metres / 111_195, lon, at = DateTimeOffset.UtcNow } } }))
                .EnsureSuccessStatusCode();
        }
        (await operatorClient.PutAsJsonAsync($"/api/members/{team[2]}/duty", new { state = "off" })).EnsureSuccessStatusCode();

        var response = await operatorClient.GetAsync($"/api/incidents/{id}/recommendations");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var candidates = body.GetProperty("candidates").EnumerateArray().ToList();
        candidates.Select(c => c.GetProperty("memberId").GetString()).Should().ContainInOrder(team[1], team[0]);
        candidates.Should().OnlyContain(c => c.GetProperty("reasons").GetArrayLength() > 0);
        body.GetProperty("excluded").EnumerateArray().Should().Contain(e => e.GetProperty("memberId").GetString() == team[2] && e.GetProperty("reason").GetString() == "Off duty.");

        var worker2 = await center.ClientFor(team[1]);
        (await worker2.GetAsync($"/api/incidents/{id}/recommendations")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
