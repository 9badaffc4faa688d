using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Cluster;
using CommandCenter.Tests.Support;
using Npgsql;

namespace CommandCenter.Tests.Postgres;

/// <summary>Two nodes on one PostgreSQL, started together, with a private Redis as their SignalR backplane.</summary>
public sealed class PostgresTwoNodeFixture : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;
    public string ConnectionString { get; private set; } = null!;
    public CenterProcess A { get; private set; } = null!;
    public CenterProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.Start();
        ConnectionString = Postgres.ConnectionString(await Postgres.CreateDatabase());
        Redis = await RedisServer.Start();
        // Started together on an empty database: one migrates, the other waits for it; one loads the sample city.
        var nodes = await Task.WhenAll(PostgresNodes.Start(ConnectionString, Redis), PostgresNodes.Start(ConnectionString, Redis));
        (A, B) = (nodes[0], nodes[1]);
    }

    public async Task<long> Count(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

/// <summary>
/// Two nodes on the Postgres profile are one center: one cluster in the membership table, one signing key, one job
/// queue, and (through the Redis backplane) pushes that cross nodes.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresClusterCollection.Name)]
public class PostgresClusterTests(PostgresTwoNodeFixture cluster) : IClassFixture<PostgresTwoNodeFixture>
{
    /// <summary>Orleans' SiloStatus.Active as the membership table stores it.</summary>
    private const int Active = 3;

    [Fact]
    public async Task Both_nodes_are_active_members_of_one_cluster_in_the_membership_table()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long active;
        while ((active = await cluster.Count($"SELECT count(*) FROM orleansmembershiptable WHERE status = {Active}")) < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(500);

        active.Should().Be(2);
        (await cluster.Count("SELECT count(DISTINCT deploymentid) FROM orleansmembershiptable")).Should().Be(1, "both nodes joined the same cluster");
    }

    [Fact]
    public async Task Nodes_started_together_agree_on_the_generated_secrets_so_a_token_from_one_is_good_on_the_other()
    {
        var token = await LiveClient.Token(cluster.A.Address, "operator1", CenterFactory.DemoPassword);
        using var onB = new HttpClient { BaseAddress = cluster.B.Address };
        onB.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        (await onB.GetAsync("/api/grids")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await cluster.Count("SELECT count(*) FROM cc_shared_values WHERE key LIKE '%:secrets:jwt-signing.key'")).Should().Be(1);
    }

    [Fact]
    public async Task A_worker_connected_to_one_node_receives_an_assignment_dispatched_on_the_other()
    {
        await using var worker = await LiveClient.Connect(cluster.A.Address, await LiveClient.Token(cluster.A.Address, "M00050", CenterFactory.DemoPassword));
        var operatorOnB = await cluster.B.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var created = await operatorOnB.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "跨节点", channel = "hotline" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        (await operatorOnB.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00050" })).EnsureSuccessStatusCode();

        var batch = await worker.WaitFor(b => b.Notices.Any(n => n.IncidentId == id), TimeSpan.FromSeconds(20));
        batch.Notices.Single(n => n.IncidentId == id).Kind.Should().Be("assignment");
    }

    [Fact]
    public async Task The_two_nodes_load_the_sample_city_once_and_run_their_jobs_from_one_queue()
    {
        new[] { cluster.A.Output, cluster.B.Output }.Count(o => o.Contains("Sample city Jiangyin loaded")).Should().Be(1);
        (await cluster.Count("SELECT count(*) FROM hangfire.server")).Should().Be(2, "both nodes' Hangfire servers take work from the one queue in PostgreSQL");
        (await cluster.Count("SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs'")).Should().BeGreaterThan(0);
        new[] { cluster.A.Output, cluster.B.Output }.Should().NotContain(o => o.Contains("without a SignalR backplane"), "Redis is the backplane");
    }
}

/// <summary>Without Redis, several nodes on the Postgres profile work but miss each other's pushes: a node says so.</summary>
[Trait("Category", "Postgres")]
[Collection(PostgresClusterCollection.Name)]
public class PostgresWithoutBackplaneTests
{
    [Fact]
    public async Task Two_nodes_without_redis_warn_that_pushes_do_not_cross_nodes()
    {
        await using var postgres = await PostgresServer.Start();
        var connection = postgres.ConnectionString(await postgres.CreateDatabase());
        await using var a = await PostgresNodes.Start(connection);
        a.Output.Should().NotContain("without a SignalR backplane", "one node alone misses nothing");
        await using var b = await PostgresNodes.Start(connection);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!new[] { a.Output, b.Output }.Any(o => o.Contains("without a SignalR backplane")) && DateTime.UtcNow < deadline)
            await Task.Delay(500);

        new[] { a.Output, b.Output }.Should().Contain(o => o.Contains("without a SignalR backplane") && o.Contains("Storage:Redis"));
    }
}
