using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Cluster;

/// <summary>Two nodes on one Redis behave as one center: any node serves any client, pushes cross nodes.</summary>
[Trait("Category", "Cluster")]
[Collection(RedisClusterCollection.Name)]
public class CrossNodeTests(TwoNodeFixture cluster) : IClassFixture<TwoNodeFixture>
{
    private static async Task<string> Report(HttpClient client)
    {
        var (lat, lon) = SampleCity.NextPoint();
        var response = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "跨节点", channel = "hotline" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_worker_connected_to_one_node_receives_an_assignment_dispatched_on_the_other()
    {
        await using var worker = await LiveClient.Connect(cluster.A.Address, await LiveClient.Token(cluster.A.Address, "M00050", CenterFactory.DemoPassword));
        var operatorOnB = await cluster.B.ClientFor("operator1");
        var id = await Report(operatorOnB);

        (await operatorOnB.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00050" })).EnsureSuccessStatusCode();

        var batch = await worker.WaitFor(b => b.Notices.Any(n => n.IncidentId == id), TimeSpan.FromSeconds(20));
        batch.Channel.Should().Be("member:M00050");
        batch.Notices.Single(n => n.IncidentId == id).Kind.Should().Be("assignment");
    }

    [Fact]
    public async Task The_wall_on_one_node_sees_an_incident_reported_on_the_other()
    {
        await using var wall = await LiveClient.Connect(cluster.B.Address, await LiveClient.Token(cluster.B.Address, "operator1", CenterFactory.DemoPassword));
        var snapshot = await wall.Follow("scope:JY");
        var operatorOnA = await cluster.A.ClientFor("operator1");

        var id = await Report(operatorOnA);

        var batch = await wall.WaitFor(b => b.Incidents.Any(i => i.Id == id), TimeSpan.FromSeconds(20));
        batch.Incidents.Single(i => i.Id == id).State.Should().Be("gridded");
        batch.Sequence.Should().BeGreaterThan(snapshot.Sequence);
    }

    [Fact]
    public async Task A_token_issued_by_one_node_is_accepted_by_the_other_and_both_see_the_same_incident()
    {
        var token = await LiveClient.Token(cluster.A.Address, "operator1", CenterFactory.DemoPassword);
        using var onB = new HttpClient { BaseAddress = cluster.B.Address };
        onB.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var id = await Report(await cluster.A.ClientFor("operator1"));

        var response = await onB.GetAsync($"/api/incidents/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().Should().Be("gridded");
        var listed = await onB.GetFromJsonAsync<JsonElement>("/api/incidents?grid=JY&pageSize=100");
        listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Contain(id);
    }

    [Fact]
    public void Two_nodes_started_together_load_the_sample_city_once()
    {
        new[] { cluster.A.Output, cluster.B.Output }.Count(o => o.Contains("Sample city Jiangyin loaded")).Should().Be(1);
    }
}
