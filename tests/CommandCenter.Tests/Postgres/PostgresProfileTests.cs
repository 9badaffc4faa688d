using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Cluster;
using CommandCenter.Tests.Support;
using Npgsql;

namespace CommandCenter.Tests.Postgres;

/// <summary>
/// One center on the Postgres profile, a real process: it starts on an empty database (the migrations make the
/// schema), loads the sample city, carries a report through the loop and, killed and started again, still has it:
/// grain state and reminders are in PostgreSQL, not in the process.
/// </summary>
[Trait("Category", "Postgres")]
[Collection(PostgresClusterCollection.Name)]
public class PostgresProfileTests : IAsyncLifetime
{
    private PostgresServer server = null!;
    private string connectionString = null!;

    public async Task InitializeAsync()
    {
        server = await PostgresServer.Start();
        connectionString = server.ConnectionString(await server.CreateDatabase());
    }

    [Fact]
    public async Task A_center_starts_on_an_empty_database_and_after_a_crash_still_has_the_incident_it_acknowledged_and_its_grid_clock_reminder()
    {
        var dataDirectory = PostgresNodes.NewDataDirectory();
        // The node comes back on its own address and ports, as a restarted service does: its new silo replaces the
        // dead one's row in the membership table at once instead of waiting for it to be declared dead.
        string[] ports = [$"--Orleans:SiloPort={FreePort.Next()}", $"--Orleans:GatewayPort={FreePort.Next()}"];
        string id, gridId;
        await using (var node = await PostgresNodes.Start(connectionString, dataDirectory: dataDirectory, extra: ports))
        {
            var health = await node.Http.GetFromJsonAsync<JsonElement>("/health");
            health.GetProperty("profile").GetString().Should().Be("Postgres");
            health.GetProperty("grids").GetInt32().Should().BeGreaterThan(0, "the sample city is loaded into the new database");
            node.Output.Should().Contain("Sample city Jiangyin loaded");
            var ready = await node.Http.GetAsync("/health/ready");
            ready.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateArray()
                .Single(c => c.GetProperty("name").GetString() == "storage").GetProperty("description").GetString()
                .Should().Be("PostgreSQL takes writes", "the Postgres profile's readiness asks PostgreSQL, not a SQLite file");

            using var api = LoadLoop.Api(node, await LiveClient.Token(node.Address, "admin", CenterFactory.AdminPassword));
            id = await LoadLoop.ReportOne(api);
            (await api.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00030" })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "已清运" })).EnsureSuccessStatusCode();
            gridId = (await LoadLoop.Read(api, $"/api/incidents/{id}")).GetProperty("gridId").GetString()!;
            (await Scalar<long>("SELECT count(*) FROM orleansreminderstable WHERE grainid LIKE @id", ("id", "%grid/" + gridId)))
                .Should().BeGreaterThan(0, "the SLA clock of the incident's grid has its reminder as a row in PostgreSQL");
            node.Kill();
        }

        await using var again = await PostgresNodes.Start(connectionString, dataDirectory: dataDirectory, extra: ports);
        again.Output.Should().NotContain("Sample city Jiangyin loaded", "the city is already in the database");
        using var reader = LoadLoop.Api(again, await LiveClient.Token(again.Address, "admin", CenterFactory.AdminPassword));
        var incident = await LoadLoop.Read(reader, $"/api/incidents/{id}");
        incident.GetProperty("state").GetString().Should().Be("handled");
        var actions = (await LoadLoop.Read(reader, $"/api/incidents/{id}/events")).EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()!.ToLowerInvariant()).ToList();
        actions.Should().Contain(["dispatch", "accept", "resolve"]);
        (await Scalar<long>("SELECT count(*) FROM orleansreminderstable WHERE grainid LIKE @id", ("id", "%grid/" + gridId)))
            .Should().BeGreaterThan(0, "the reminder outlived the process");
    }

    [Fact]
    public async Task A_center_on_the_postgres_profile_without_a_connection_string_stops_naming_the_setting()
    {
        var start = () => CenterProcess.Start(PostgresNodes.NewDataDirectory(), "--Storage:Profile=Postgres");

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*Storage:Postgres*");
    }

    private async Task<T> Scalar<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();
}
