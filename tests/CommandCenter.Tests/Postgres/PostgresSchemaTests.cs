using CommandCenter.Storage.Postgres;
using CommandCenter.Tests.Support;
using Npgsql;

namespace CommandCenter.Tests.Postgres;

/// <summary>The schema's migrations: applied once, in order, by one of several nodes starting at once.</summary>
[Trait("Category", "Postgres")]
public class PostgresSchemaTests
{
    [Fact]
    public async Task Nodes_starting_at_once_apply_every_migration_exactly_once_and_a_later_start_applies_nothing()
    {
        await using var server = await PostgresServer.Start();
        var connection = server.ConnectionString(await server.CreateDatabase());

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.Migrate(connection)));

        applied.SelectMany(a => a).Should().Equal(PostgresSchema.Migrations.Select(m => m.Version), "one node applied them all, in order; the others found them applied");
        (await PostgresSchema.Migrate(connection)).Should().BeEmpty();
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM cc_schema_migrations", db);
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(PostgresSchema.Migrations.Count);
    }

    [Fact]
    public async Task An_applied_migration_whose_text_changed_stops_the_start_naming_it()
    {
        await using var server = await PostgresServer.Start();
        var connection = server.ConnectionString(await server.CreateDatabase());
        await PostgresSchema.Migrate(connection);
        await using (var db = new NpgsqlConnection(connection))
        {
            await db.OpenAsync();
            await using var edit = new NpgsqlCommand("UPDATE cc_schema_migrations SET checksum = 'edited' WHERE version = '0000_schema'", db);
            await edit.ExecuteNonQueryAsync();
        }

        var start = () => PostgresSchema.Migrate(connection);

        (await start.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*0000_schema*must not be edited*");
    }
}
