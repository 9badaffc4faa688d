using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Cluster;
using CommandCenter.Tests.Support;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Postgres;

/// <summary>
/// PostgreSQL itself is killed with SIGKILL under load and started again on its files (crash recovery from its WAL):
/// requests during the outage are refused cleanly (503, a problem body saying the database is unavailable, never a
/// 500), the node reconnects by itself and acknowledges new steps again, and everything acknowledged before is still
/// there, without gaps, for the node started again afterwards.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresClusterCollection.Name)]
public class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresServer server = null!;

    public async Task InitializeAsync() => server = await PostgresServer.Start();

    [Fact]
    public async Task Killing_and_restarting_postgresql_under_load_loses_nothing_acknowledged()
    {
        var connection = server.ConnectionString(await server.CreateDatabase());
        var dataDirectory = PostgresNodes.NewDataDirectory();
        string[] ports = [$"--Orleans:SiloPort={FreePort.Next()}", $"--Orleans:GatewayPort={FreePort.Next()}"];
        var load = new LoadLoop();
        await using (var node = await PostgresNodes.Start(connection, dataDirectory: dataDirectory, extra: ports))
        {
            using var api = LoadLoop.Api(node, await LiveClient.Token(node.Address, "admin", CenterFactory.AdminPassword));
            using var stop = new CancellationTokenSource();
            var running = load.Run(4, _ => api, stop.Token);
            (await LoadLoop.Until(() => load.Acknowledged.Count >= 40, TimeSpan.FromSeconds(90))).Should().BeTrue("the load runs before PostgreSQL is killed");

            server.Kill();
            var (lat, lon) = SampleCity.NextPoint();
            var during = await api.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "停库", channel = "hotline" });
            var problem = await during.Content.ReadFromJsonAsync<JsonElement>();
            await Task.Delay(TimeSpan.FromSeconds(1));
            await server.Run();
            during.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a report while PostgreSQL is down is refused cleanly");
            problem.GetProperty("title").GetString().Should().Be("The database is unavailable.");
            during.Headers.RetryAfter.Should().NotBeNull();
            var acknowledgedAtRestart = load.Acknowledged.Count;
            var resumed = await LoadLoop.Until(() => load.Acknowledged.Count >= acknowledgedAtRestart + 20, TimeSpan.FromSeconds(90));
            await stop.CancelAsync();
            await running;
            node.Kill();
            output.WriteLine($"{acknowledgedAtRestart} steps acknowledged when PostgreSQL was back, {load.Acknowledged.Count} at the end, {load.Failures} requests failed; refusals: {string.Join(", ", load.Refusals.GroupBy(x => x).Select(g => $"{g.Count()}× {g.Key}"))}");
            resumed.Should().BeTrue("after PostgreSQL restarts the node acknowledges new steps again without being restarted itself");
            load.Refusals.Should().OnlyContain(status => status == 503, "a request PostgreSQL could not serve is refused as the database being unavailable, never a 500");
        }

        await using var again = await PostgresNodes.Start(connection, dataDirectory: dataDirectory, extra: ports);
        using var reader = LoadLoop.Api(again, await LiveClient.Token(again.Address, "admin", CenterFactory.AdminPassword));
        await load.ShouldAllBeIn(reader, "before PostgreSQL was killed or after it came back");
    }


    public async Task DisposeAsync() => await server.DisposeAsync();
}
