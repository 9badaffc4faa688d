using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Cluster;

/// <summary>An admin's change made on one node is in force on the other: the city's rules (policy, catalogue) and ended sessions.</summary>
[Trait("Category", "Cluster")]
[Collection(RedisClusterCollection.Name)]
public class AdminAcrossNodesTests(TwoNodeFixture cluster) : IClassFixture<TwoNodeFixture>
{
    /// <summary>The other node reads the change within its watch period (2 s); the bound only keeps a broken run from hanging.</summary>
    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until) return value;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_policy_version_and_a_retired_category_saved_on_one_node_apply_on_the_other()
    {
        var adminOnA = await cluster.A.ClientFor("admin");
        var policy = await adminOnA.GetFromJsonAsync<JsonObject>("/api/sla-policy");
        var limits = policy!["limits"]!.AsArray();
        foreach (var rule in limits.OfType<JsonObject>())
            if ((string?)rule["step"] == "dispatch" && rule["priority"] is null && rule["category"] is null && rule["area"] is null) rule["limit"] = "7m";
        (await adminOnA.PostAsJsonAsync("/api/admin/sla-policy", new { limits, note = "跨节点" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await adminOnA.PostAsync("/api/admin/categories/C0103/retire", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var operatorOnB = await cluster.B.ClientFor("operator1");
        var refused = await Eventually(async () =>
        {
            var (lat, lon) = SampleCity.NextPoint();
            return await operatorOnB.PostAsJsonAsync("/api/incidents", new { category = "C0103", lat, lon, description = "跨节点", channel = "hotline" });
        }, r => r.StatusCode == HttpStatusCode.BadRequest);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "node B refuses the category node A retired");

        var (lat, lon) = SampleCity.NextPoint();
        var created = await operatorOnB.PostAsJsonAsync("/api/incidents", new { category = "E0102", priority = "normal", lat, lon, description = "跨节点", channel = "hotline" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var incident = await operatorOnB.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("deadlines").EnumerateArray().Last(d => d.GetProperty("step").GetString() == "dispatch")
            .GetProperty("limit").GetString().Should().Be("7m", "the new version is in force on node B");
    }

    [Fact]
    public async Task An_account_disabled_on_one_node_is_refused_by_the_other_and_its_connection_there_closes()
    {
        var adminOnA = await cluster.A.ClientFor("admin");
        var created = await adminOnA.PostAsJsonAsync("/api/admin/accounts", new { username = "night-shift", role = "operator" });
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitation").GetProperty("code").GetString();
        (await cluster.A.Http.PostAsJsonAsync("/api/auth/invitation", new { code, password = "Lamp-post-2027" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        // Node B signs the new account in once it has read the accounts (at once, or within its watch period).
        var signIn = await Eventually(() => cluster.B.Http.PostAsJsonAsync("/api/auth/token", new { username = "night-shift", password = "Lamp-post-2027" }),
            r => r.IsSuccessStatusCode);
        signIn.StatusCode.Should().Be(HttpStatusCode.OK);
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        await using var live = await LiveClient.Connect(cluster.B.Address, token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        using var onB = new HttpClient { BaseAddress = cluster.B.Address };
        onB.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await onB.GetAsync("/api/incidents")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await adminOnA.PostAsync("/api/admin/accounts/night-shift/disable", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var answer = await Eventually(() => onB.GetAsync("/api/incidents"), r => r.StatusCode == HttpStatusCode.Unauthorized);
        answer.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "node B ends the session node A disabled");
        (await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(30)))).Should().BeSameAs(closed.Task, "node B closes the account's hub connection");
    }
}
