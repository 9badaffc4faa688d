using System.Text.Json;
using CommandCenter.Tests.Support;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Cluster;

/// <summary>
/// Redis itself is killed with SIGKILL under load and started again from its append-only file: every
/// report and transition the center acknowledged is still there, read by a fresh node that has
/// nothing in memory.
/// </summary>
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
            await Task.Delay(TimeSpan.FromSeconds(5));

            redis.Kill();
            await Task.Delay(TimeSpan.FromSeconds(1));
            await redis.Restart();
            await Task.Delay(TimeSpan.FromSeconds(4)); // the node reconnects and goes on acknowledging
            await stop.CancelAsync();
            await running;
            node.Kill();
        }
        output.WriteLine($"{load.Reported.Count} incidents reported, {load.Acknowledged.Count} steps acknowledged, {load.Failures} requests failed");
        load.Reported.Count.Should().BeGreaterThan(10);

        // A new node reads everything from Redis: no activation remembers anything.
        await using var fresh = await RedisNodes.Start(redis);
        using var reader = LoadLoop.Api(fresh, await LiveClient.Token(fresh.Address, "admin", CenterFactory.AdminPassword));
        foreach (var id in load.Reported.Keys)
        {
            var actions = (await LoadLoop.Read(reader, $"/api/incidents/{id}/events")).EnumerateArray()
                .Select(e => e.GetProperty("action").GetString()!.ToLowerInvariant()).ToHashSet();
            foreach (var (_, action) in load.Acknowledged.Where(x => x.Id == id))
                actions.Should().Contain(action, $"{id}: {action} was acknowledged before Redis was killed or after it came back");
        }
        var listed = await LoadLoop.Read(reader, "/api/incidents?grid=JY&pageSize=1");
        listed.GetProperty("total").GetInt32().Should().BeGreaterThanOrEqualTo(load.Reported.Count, "the lists see every reported incident too");
    }

    public async Task DisposeAsync() => await redis.DisposeAsync();
}
