using System.Collections.Concurrent;
using CommandCenter.Storage;
using CommandCenter.Tests.Support;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommandCenter.Tests.Postgres;

/// <summary>
/// Hangfire's storage on the Postgres profile: nodes opening it at once prepare its schema once between them, and a
/// job enqueued through one node runs once in the whole cluster, whichever node's server picks it up.
/// </summary>
[Trait("Category", "Postgres")]
public class PostgresJobStorageTests
{
    [Fact]
    public async Task Two_nodes_share_one_queue_in_postgresql_and_each_job_runs_once()
    {
        await using var server = await PostgresServer.Start();
        var connection = server.ConnectionString(await server.CreateDatabase());
        var options = new StorageOptions { Profile = StorageOptions.PostgresProfile, Postgres = connection };
        var providers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var services = new ServiceCollection();
            services.AddJobStorage(options);
            var provider = services.BuildServiceProvider();
            provider.GetRequiredService<JobStorage>();
            return provider;
        })));
        var storages = providers.Select(p => p.GetRequiredService<JobStorage>()).ToList();
        storages.Should().AllBeOfType<PostgreSqlStorage>();
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using (var prepared = new NpgsqlCommand("SELECT to_regclass('hangfire.job') IS NOT NULL", db))
            ((bool)(await prepared.ExecuteScalarAsync())!).Should().BeTrue("opening the storage prepared Hangfire's schema");

        var client = new BackgroundJobClient(storages[0]);
        var jobs = Enumerable.Range(0, 20).Select(i => client.Enqueue(() => CountedJob.Run($"{connection}#{i}"))).ToList();
        storages[1].GetMonitoringApi().EnqueuedCount("default").Should().Be(20, "the other node sees the same queue");

        // Each server gets an activator of its own: Hangfire's default one is a process-wide static that an in-process center
        // of another test sets to its own service provider, which is disposed with it (its jobs then fail to start).
        var servers = storages.Select(s => new BackgroundJobServer(
            new BackgroundJobServerOptions { WorkerCount = 2, SchedulePollingInterval = TimeSpan.FromSeconds(1), Activator = new JobActivator() }, s)).ToList();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (storages[0].GetMonitoringApi().SucceededListCount() < 20 && DateTime.UtcNow < deadline) await Task.Delay(200);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            foreach (var s in servers) s.Dispose();
            foreach (var p in providers) await p.DisposeAsync();
        }

        Enumerable.Range(0, 20).Select(i => CountedJob.Runs.GetValueOrDefault($"{connection}#{i}")).Should().AllBeEquivalentTo(1, "every job ran exactly once");
        await using var count = new NpgsqlCommand("SELECT count(*) FROM hangfire.job", db);
        ((long)(await count.ExecuteScalarAsync())!).Should().Be(20, "the jobs are kept in PostgreSQL, in Hangfire's own schema");
    }
}

/// <summary>A job that counts its runs by key.</summary>
[Trait("Category", "Postgres")]
public static class CountedJob
{
    public static ConcurrentDictionary<string, int> Runs { get; } = new();

    public static void Run(string key) => Runs.AddOrUpdate(key, 1, (_, n) => n + 1);
}
