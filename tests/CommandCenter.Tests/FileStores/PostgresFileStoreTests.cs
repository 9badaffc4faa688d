using CommandCenter.Storage.Files;
using CommandCenter.Storage.Postgres;
using CommandCenter.Tests.Support;
using Npgsql;

namespace CommandCenter.Tests.FileStores;

/// <summary>One PostgreSQL for the class; each test makes its own database.</summary>
public sealed class PostgresFileStoreServer : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.Start();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The file store contract in PostgreSQL: two nodes are two data sources (two connection pools) on one database.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresFileStoreTests(PostgresFileStoreServer fixture) : FileStoreContract, IAsyncLifetime, IClassFixture<PostgresFileStoreServer>
{
    private PostgresServer server => fixture.Server;
    private NpgsqlDataSource sourceA = null!;
    private NpgsqlDataSource sourceB = null!;
    private PostgresFileStore a = null!;
    private PostgresFileStore b = null!;

    public async Task InitializeAsync()
    {
        var connection = server.ConnectionString(await server.CreateDatabase());
        await PostgresSchema.Migrate(connection);
        sourceA = NpgsqlDataSource.Create(connection);
        sourceB = NpgsqlDataSource.Create(connection + ";Application Name=node-b");
        a = new PostgresFileStore(sourceA);
        b = new PostgresFileStore(sourceB);
    }

    protected override IFileStore NodeA => a;

    protected override IFileStore NodeB => b;

    protected override async Task Age(string area, string name, TimeSpan age)
    {
        await using var command = sourceA.CreateCommand("UPDATE cc_files SET modified_at = now() - @age WHERE area = @area AND name = @name");
        command.Parameters.AddWithValue("age", age);
        command.Parameters.AddWithValue("area", area);
        command.Parameters.AddWithValue("name", name);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

    [Fact]
    public async Task A_written_file_survives_the_database_being_killed()
    {
        await a.Write(FileAreas.Photos, "0123456789abcdef0123456789abcdef.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 1, 2, 3 });
        await a.Create(FileAreas.Uploads, "k.part", ReadOnlyMemory<byte>.Empty);
        (await a.Append(FileAreas.Uploads, "k.part", 0, new byte[] { 9, 8, 7 })).Done.Should().BeTrue();

        server.Kill();
        await server.Run();
        NpgsqlConnection.ClearAllPools();

        (await b.ReadAll(FileAreas.Photos, "0123456789abcdef0123456789abcdef.jpg")).Should().Equal(0xFF, 0xD8, 0xFF, 1, 2, 3);
        (await b.ReadAll(FileAreas.Uploads, "k.part")).Should().Equal(9, 8, 7);
    }

    public async Task DisposeAsync()
    {
        await sourceA.DisposeAsync();
        await sourceB.DisposeAsync();
    }
}
