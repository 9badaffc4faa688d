using CommandCenter.Storage.Postgres;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Postgres;

/// <summary>Generated secrets in PostgreSQL: made once, the same for every node, even for nodes asking at the same moment.</summary>
[Trait("Category", "Postgres")]
public class PostgresSharedValuesTests
{
    [Fact]
    public async Task Nodes_asking_at_once_all_get_the_one_value_that_was_stored_first()
    {
        await using var server = await PostgresServer.Start();
        var connection = server.ConnectionString(await server.CreateDatabase());
        await PostgresSchema.Migrate(connection);

        var values = await Task.WhenAll(Enumerable.Range(0, 8).Select(node => Task.Run(() =>
            new PostgresSharedValues(connection, "gcc").GetOrCreate("jwt-signing.key", () => $"made by node {node}"))));

        values.Distinct().Should().ContainSingle().Which.Should().StartWith("made by node ");
        new PostgresSharedValues(connection, "gcc").GetOrCreate("jwt-signing.key", () => "made later").Should().Be(values[0], "a later start reads the stored value");
        new PostgresSharedValues(connection, "another-service").GetOrCreate("jwt-signing.key", () => "its own").Should().Be("its own", "each service id has its own secrets");
    }
}
