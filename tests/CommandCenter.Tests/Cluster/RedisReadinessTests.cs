using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Cluster;

/// <summary>In the Redis profile a node whose Redis is gone is live but not ready, and ready again once Redis is back.</summary>
[Trait("Category", "Cluster")]
[Collection(RedisClusterCollection.Name)]
public class RedisReadinessTests : IAsyncLifetime
{
    private RedisServer redis = null!;

    public async Task InitializeAsync() => redis = await RedisServer.Start();

    private static async Task<(HttpStatusCode Status, string? Storage)> Ready(HttpClient http)
    {
        var response = await http.GetAsync("/health/ready");
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var storage = answer.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "storage");
        return (response.StatusCode, storage.GetProperty("status").GetString());
    }

    /// <summary>Polls readiness until it answers <paramref name="status"/>; the last answer seen.</summary>
    private static async Task<(HttpStatusCode Status, string? Storage)> Until(HttpClient http, HttpStatusCode status, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var seen = await Ready(http);
            if (seen.Status == status || DateTime.UtcNow > deadline) return seen;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Without_redis_a_node_is_live_but_not_ready_and_ready_again_when_redis_is_back()
    {
        await using var node = await RedisNodes.Start(redis);
        (await Ready(node.Http)).Should().Be((HttpStatusCode.OK, "healthy"));

        redis.Kill();
        (await Until(node.Http, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30)))
            .Should().Be((HttpStatusCode.ServiceUnavailable, "unhealthy"), "ready turns 503 once Redis is gone");
        (await node.Http.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "the process itself is fine: nothing to restart");

        await redis.Restart();
        (await Until(node.Http, HttpStatusCode.OK, TimeSpan.FromSeconds(60)))
            .Should().Be((HttpStatusCode.OK, "healthy"), "the node reconnects by itself and is ready again");
    }

    public async Task DisposeAsync() => await redis.DisposeAsync();
}
