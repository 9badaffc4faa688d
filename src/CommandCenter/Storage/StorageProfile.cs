using CommandCenter.Cluster;
using CommandCenter.Storage.Postgres;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace CommandCenter.Storage;

/// <summary>What the chosen profile gives the rest of the host.</summary>
public sealed record StorageSetup(StorageOptions Options, IConnectionMultiplexer? Redis, ISharedValues Secrets)
{
    /// <summary>Reminders that outlive the process (Redis, PostgreSQL) need no re-arming scan at start-up.</summary>
    public bool RemindersAreDurable => Options.IsRedis || Options.IsPostgres;
}

/// <summary>
/// The one switch between storage profiles (setting Storage:Profile): Embedded (SQLite files under the
/// data directory, one node), Redis (everything in one Redis, any number of nodes) or Postgres (everything
/// in one PostgreSQL, any number of nodes; Redis optional, as the SignalR backplane only).
/// </summary>
public static class StorageProfile
{
    public static async Task<StorageSetup> AddCommandCenterStorage(this WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var node = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
        if (!storage.IsKnown)
            throw new InvalidOperationException($"Storage:Profile \"{storage.Profile}\" is unknown; use {StorageOptions.ProfileNames}.");

        // The schema first: Orleans' tables, the records' and the secrets' are migrations, applied before the silo starts.
        var postgres = storage.IsPostgres ? storage.PostgresConnectionString() : null;
        if (postgres is not null) await PostgresSchema.Migrate(postgres);

        // One multiplexer for the whole process: in the Redis profile Orleans' providers, the ledger, the backplane and
        // the secrets share it; in the Postgres profile it is there only when Storage:Redis is set, for the backplane.
        var redis = storage.IsRedis || (storage.IsPostgres && !string.IsNullOrWhiteSpace(storage.Redis)) ? RedisConnection.Connect(storage) : null;
        if (redis is not null) builder.Services.AddSingleton(redis);
        // Photos, uploads, reports and the archive's files: in the data directory, or in a store every node shares.
        Files.FileStores.Register(builder.Services, storage);
        if (storage.IsPostgres && redis is null) builder.Services.AddHostedService<BackplaneCheck>();

        // Before the silo: hosted services stop in reverse order, so the store drains after the silo's last writes.
        builder.Services.AddHostedService<LedgerDrain>();
        builder.UseOrleans(silo =>
        {
            silo.AddClusterTimings(builder.Configuration);
            Telemetry.TelemetrySetup.AddSiloTelemetry(silo);
            Telemetry.OrleansDashboardSetup.AddOrleansDashboard(silo, builder.Configuration);
            if (postgres is not null) silo.AddPostgresProfile(postgres, storage, node);
            else if (redis is not null) silo.AddRedisProfile(redis, storage, node);
            else silo.AddEmbeddedProfile(storage, node);
        });
        ISharedValues secrets = postgres is not null ? new PostgresSharedValues(postgres, node.ServiceId)
            : redis is not null ? new RedisSharedValues(redis, node.ServiceId)
            : new FileSharedValues(storage.FullDataDirectory);
        return new StorageSetup(storage, redis, secrets);
    }

    /// <summary>
    /// Pushes reach clients on every node through Redis pub/sub when the process has Redis (the Redis profile, or the
    /// Postgres profile with Storage:Redis set), in-process otherwise.
    /// </summary>
    public static ISignalRServerBuilder AddBackplane(this ISignalRServerBuilder signalR, StorageSetup storage)
    {
        if (storage.Redis is not { } redis) return signalR;
        return signalR.AddStackExchangeRedis(o =>
        {
            o.Configuration.ChannelPrefix = RedisChannel.Literal(storage.Options.RedisChannelPrefix);
            o.ConnectionFactory = _ => Task.FromResult(redis);
        });
    }

    /// <summary>
    /// Where Hangfire keeps its jobs, per storage profile: in memory for the embedded profile (one node;
    /// recurring jobs are registered again at every start), in Redis for the Redis profile (on the
    /// process's one multiplexer, under the service id), so every node's Hangfire server shares one queue
    /// and a recurring job runs once per occurrence in the whole cluster, not once per node; in PostgreSQL
    /// for the Postgres profile (schema "hangfire", beside the center's tables), with the same effect.
    /// </summary>
    public static void AddJobStorage(this IServiceCollection services, StorageOptions options)
    {
        if (!options.IsKnown)
            throw new InvalidOperationException($"Storage:Profile \"{options.Profile}\" has no job storage; use {StorageOptions.ProfileNames}.");
        services.AddSingleton<Hangfire.JobStorage>(sp =>
        {
            // Hangfire configures its process-wide logging when its configuration is first resolved; do that before the storage logs.
            sp.GetService<Hangfire.IGlobalConfiguration>();
            if (options.IsPostgres) return PostgresJobStorage.Open(options.PostgresConnectionString());
            if (!options.IsRedis) return new Hangfire.InMemory.InMemoryStorage();
            return new Hangfire.Redis.StackExchange.RedisStorage(
                sp.GetRequiredService<IConnectionMultiplexer>(),
                new Hangfire.Redis.StackExchange.RedisStorageOptions
                {
                    Prefix = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.ClusterOptions>>().Value.ServiceId + ":hangfire:",
                });
        });
    }
}
