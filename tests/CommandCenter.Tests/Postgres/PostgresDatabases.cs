using CommandCenter.Storage.Postgres;
using CommandCenter.Tests.Support;
using Npgsql;

namespace CommandCenter.Tests.Postgres;

/// <summary>One private PostgreSQL for a test class; each test asks for a fresh database with the schema migrated.</summary>
public sealed class PostgresDatabases : IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> sources = [];

    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.Start();

    /// <summary>A new database with every migration applied, and a data source on it (disposed with the server).</summary>
    public async Task<NpgsqlDataSource> Fresh()
    {
        var connectionString = Server.ConnectionString(await Server.CreateDatabase());
        await PostgresSchema.Migrate(connectionString);
        var source = NpgsqlDataSource.Create(connectionString);
        lock (sources) sources.Add(source);
        return source;
    }

    public async Task DisposeAsync()
    {
        foreach (var source in sources) await source.DisposeAsync();
        await Server.DisposeAsync();
    }
}
