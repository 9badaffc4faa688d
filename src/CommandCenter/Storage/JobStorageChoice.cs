using Hangfire;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StackExchange.Redis;

namespace CommandCenter.Storage;

/// <summary>
/// Where Hangfire keeps its jobs, per storage profile: in memory for the embedded profile (one node;
/// recurring jobs are registered again at every start), in Redis for the Redis profile (on the
/// process's one multiplexer, under the service id), so every node's Hangfire server shares one queue
/// and a recurring job runs once per occurrence in the whole cluster, not once per node.
/// </summary>
public static class JobStorageChoice
{
    public static void AddJobStorage(this IServiceCollection services, StorageOptions options)
    {
        if (options.IsRedis)
            services.AddSingleton<JobStorage>(sp => new Hangfire.Redis.StackExchange.RedisStorage(
                sp.GetRequiredService<IConnectionMultiplexer>(),
                new Hangfire.Redis.StackExchange.RedisStorageOptions { Prefix = sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId + ":hangfire:" }));
        else
            services.AddSingleton<JobStorage>(_ => new Hangfire.InMemory.InMemoryStorage());
    }
}
