using CommandCenter.Cluster;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace CommandCenter.Storage;

/// <summary>What the chosen profile gives the rest of the host.</summary>
public sealed record StorageSetup(StorageOptions Options, IConnectionMultiplexer? Redis, ISharedSecrets Secrets)
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

        builder.UseOrleans(silo =>
        {
            silo.AddClusterTimings(builder.Configuration);
            if (redis is null) silo.AddEmbeddedProfile(storage, node);
            else silo.AddRedisProfile(redis, storage, node);
        });
        ISharedSecrets secrets = redis is null ? new FileSecrets(storage.FullDataDirectory) : new RedisSecrets(redis, node.ServiceId);
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
}
