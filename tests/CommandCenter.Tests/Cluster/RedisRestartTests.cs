using System.Text.Json;
using CommandCenter.Tests.Support;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Cluster;

/// <summary>
/// Redis itself is killed with SIGKILL under load and started again from its append-only file: every
/// report and transition the center acknowledged is still there, read by a fresh node that has
/// nothing in memory.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(RedisClusterCollection.Name)]
public class RedisRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RedisServer redis = null!;

    public async Task InitializeAsync() => redis = await RedisServer.Start();

    [Fact]
    public async Task Killing_and_restarting_redis_under_load_loses_nothing_acknowledged()
    {
        var load = new LoadLoop();
        await using (var node = await RedisNodes.Start(redis))
        {
            var token = await LiveClient.Token(node.Address, "admin", CenterFactory.AdminPassword);
            using var api = LoadLoop.Api(node, token);
            using var stop = new CancellationTokenSource();
            var running = load.Run(4, _ => api, stop.Token);
            (await LoadLoop.Until(() => load.Acknowledged.Count >= 40, TimeSpan.FromSeconds(60))).Should().BeTrue("the load runs before Redis is killed");

            redis.Kill();
            await Task.Delay(TimeSpan.FromSeconds(1));
            await redis.Restart();
            var acknowledgedAtRestart = load.Acknowledged.Count;
            // The node reconnects by itself and goes on acknowledging: wait for it, do not assume it.
            var resumed = await LoadLoop.Until(() => load.Acknowledged.Count >= acknowledgedAtRestart + 20, TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await running;
            node.Kill();
            output.WriteLine($"{acknowledgedAtRestart} steps acknowledged when Redis was back, {load.Acknowledged.Count} at the end");
            resumed.Should().BeTrue("after Redis restarts the node acknowledges new steps again without being restarted itself");
        }
        output.WriteLine($"{load.Reported.Count} incidents reported, {load.Acknowledged.Count} steps acknowledged, {load.Failures} requests failed");
        load.Reported.Count.Should().BeGreaterThan(10);

        // A new node reads everything from Redis: no activation remembers anything.
        await using var fresh = await RedisNodes.Start(redis);
        using var reader = LoadLoop.Api(fresh, await LiveClient.Token(fresh.Address, "admin", CenterFactory.AdminPassword));
        await load.ShouldAllBeIn(reader, "before Redis was killed or after it came back");
        var listed = await LoadLoop.Read(reader, "/api/incidents?grid=JY&pageSize=1");
        listed.GetProperty("total").GetInt32().Should().BeGreaterThanOrEqualTo(load.Reported.Count, "the lists see every reported incident too");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="limit"/> passes.</summary>

    public async Task DisposeAsync() => await redis.DisposeAsync();
}
