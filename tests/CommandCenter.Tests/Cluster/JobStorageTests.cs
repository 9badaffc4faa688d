using CommandCenter.Storage;
using CommandCenter.Tests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using StackExchange.Redis;

namespace CommandCenter.Tests.Cluster;

/// <summary>Hangfire's storage follows the storage profile: jobs enqueued on the Redis profile are in the shared Redis.</summary>
[Trait("Category", "Cluster")]
public class JobStorageTests
{

    [Fact]
    public async Task On_the_redis_profile_an_enqueued_job_is_kept_in_redis_for_every_node()
    {
        await using var redis = await RedisServer.Start();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(connection);
        services.Configure<ClusterOptions>(o => o.ServiceId = "jobs-test");
        services.AddJobStorage(new StorageOptions { Profile = StorageOptions.RedisProfile, Redis = redis.ConnectionString });
        await using var provider = services.BuildServiceProvider();
        var storage = provider.GetRequiredService<JobStorage>();

        new BackgroundJobClient(storage).Enqueue(() => NothingToDo.Run());

        storage.GetMonitoringApi().EnqueuedCount("default").Should().Be(1);
        (await connection.GetDatabase().KeyExistsAsync("jobs-test:hangfire:queue:default")).Should().BeTrue();
    }

    [Fact]
    public async Task On_the_embedded_profile_jobs_are_kept_in_memory()
    {
        var services = new ServiceCollection();
        services.AddJobStorage(new StorageOptions());
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<JobStorage>().Should().BeOfType<Hangfire.InMemory.InMemoryStorage>();
    }
}

/// <summary>A job that does nothing: only its being stored matters here.</summary>
[Trait("Category", "Cluster")]
public static class NothingToDo
{
    public static void Run() { }
}
