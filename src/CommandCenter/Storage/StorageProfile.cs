using CommandCenter.Cluster;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace CommandCenter.Storage;

/// <summary>What the chosen profile gives the rest of the host.</summary>
public sealed record StorageSetup(StorageOptions Options, IConnectionMultiplexer? Redis, ISharedValues Secrets)
{
    /// <summary>Reminders that outlive the process (Redis) need no re-arming scan at start-up.</summary>
    public bool RemindersAreDurable => Redis is not null;
}

/// <summary>
/// The one switch between storage profiles (setting Storage:Profile): Embedded (SQLite files under the
/// data directory, one node) or Redis (everything in one Redis, any number of nodes).
/// </summary>
public static class StorageProfile
{
    public static StorageSetup AddCommandCenterStorage(this WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var node = builder.Configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
        if (!storage.IsEmbedded && !storage.IsRedis)
            throw new InvalidOperationException($"Storage:Profile \"{storage.Profile}\" is unknown; use \"{StorageOptions.Embedded}\" or \"{StorageOptions.RedisProfile}\".");

        // One multiplexer for the whole process: Orleans' providers, the ledger, the backplane and the secrets share it.
        var redis = storage.IsRedis ? RedisConnection.Connect(storage) : null;
        if (redis is not null) builder.Services.AddSingleton(redis);
        // Photos, uploads, reports and the archive's files: in the data directory, or in a store every node shares.
        Files.FileStores.Register(builder.Services, storage);

        builder.UseOrleans(silo =>
        {
            silo.AddClusterTimings(builder.Configuration);
            if (redis is null) silo.AddEmbeddedProfile(storage, node);
            else silo.AddRedisProfile(redis, storage, node);
        });
        ISharedValues secrets = redis is null ? new FileSharedValues(storage.FullDataDirectory) : new RedisSharedValues(redis, node.ServiceId);
        return new StorageSetup(storage, redis, secrets);
    }

    /// <summary>Pushes reach clients on every node: through Redis pub/sub in the Redis profile, in-process otherwise.</summary>
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
    /// and a recurring job runs once per occurrence in the whole cluster, not once per node.
    /// </summary>
    public static void AddJobStorage(this IServiceCollection services, StorageOptions options)
    {
        if (!options.IsEmbedded && !options.IsRedis)
            throw new InvalidOperationException($"Storage:Profile \"{options.Profile}\" has no job storage; use \"{StorageOptions.Embedded}\" or \"{StorageOptions.RedisProfile}\".");
        services.AddSingleton<Hangfire.JobStorage>(sp =>
        {
            // Hangfire configures its process-wide logging when its configuration is first resolved; do that before the storage logs.
            sp.GetService<Hangfire.IGlobalConfiguration>();
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
