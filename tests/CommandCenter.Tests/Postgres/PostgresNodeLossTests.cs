using CommandCenter.Tests.Cluster;
using CommandCenter.Tests.Support;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Postgres;

/// <summary>
/// <see cref="NodeLossTests"/> on the Postgres profile: two nodes on one PostgreSQL with a private Redis as their
/// backplane, under load; one is killed with SIGKILL. Everything acknowledged is read back through the survivor, the
/// survivor fires the deadlines the dead node was minding, and a wall of the dead node resyncs on the survivor.
/// Membership keeps Orleans' default probe timings here (see <see cref="PostgresNodes"/>), so the survivor takes over
/// within <see cref="PostgresNodes.DeathDetection"/> rather than the Redis tests' seconds.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresClusterCollection.Name)]
public class PostgresNodeLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresServer postgres = null!;
    private RedisServer redis = null!;
    private CenterProcess a = null!, b = null!;

    public async Task InitializeAsync()
    {
        postgres = await PostgresServer.Start();
        var connection = postgres.ConnectionString(await postgres.CreateDatabase());
        redis = await RedisServer.Start();
        var nodes = await Task.WhenAll(
            PostgresNodes.Start(connection, redis, extra: $"--Sla:PolicyFile={RedisNodes.SecondsPolicy}"),
            PostgresNodes.Start(connection, redis, extra: $"--Sla:PolicyFile={RedisNodes.SecondsPolicy}"));
        (a, b) = (nodes[0], nodes[1]);
    }

    [Fact]
    public Task Killing_a_node_under_load_loses_nothing_acknowledged_and_the_survivor_takes_over_its_deadlines_and_clients() =>
        NodeLossScenario.Run(a, b, PostgresNodes.DeathDetection, output);

    public async Task DisposeAsync()
    {
        await a.DisposeAsync();
        await b.DisposeAsync();
        await redis.DisposeAsync();
        await postgres.DisposeAsync();
    }
}
