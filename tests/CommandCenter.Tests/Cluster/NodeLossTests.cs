using CommandCenter.Tests.Support;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Cluster;

/// <summary>
/// Two nodes under a steady load of reports and transitions; one is killed with SIGKILL. Read through
/// the survivor: everything acknowledged is there, every deadline the dead node was minding fires,
/// and a client of the dead node reconnects to the survivor and resyncs with nothing missed.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(RedisClusterCollection.Name)]
public class NodeLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private RedisServer redis = null!;
    private CenterProcess a = null!, b = null!;

    public async Task InitializeAsync()
    {
        redis = await RedisServer.Start();
        var nodes = await Task.WhenAll(
            RedisNodes.Start(redis, $"--Sla:PolicyFile={RedisNodes.SecondsPolicy}"),
            RedisNodes.Start(redis, $"--Sla:PolicyFile={RedisNodes.SecondsPolicy}"));
        (a, b) = (nodes[0], nodes[1]);
    }

    [Fact]
    public Task Killing_a_node_under_load_loses_nothing_acknowledged_and_the_survivor_takes_over_its_deadlines_and_clients() =>
        NodeLossScenario.Run(a, b, RedisNodes.DeathDetection, output);

    public async Task DisposeAsync()
    {
        await a.DisposeAsync();
        await b.DisposeAsync();
        await redis.DisposeAsync();
    }
}
