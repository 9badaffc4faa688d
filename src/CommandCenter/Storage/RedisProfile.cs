using CommandCenter.Cluster;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace CommandCenter.Storage;

/// <summary>
/// Scale-out: cluster membership, grain state, reminders and the incident ledger all in one Redis,
/// through the process's one multiplexer (the providers are told it is shared, so none disposes it).
/// Run Redis with appendonly yes and appendfsync always: a write is then on disk before Redis answers,
/// so nothing the center acknowledged is lost when Redis restarts.
/// </summary>
public static class RedisProfile
{
    public static void AddRedisProfile(this ISiloBuilder silo, IConnectionMultiplexer redis, StorageOptions options, NodeOptions node)
    {
        var configuration = RedisConnection.Options(options);
        Task<(IConnectionMultiplexer, bool)> Shared<T>(T _) => Task.FromResult((redis, true));

        silo.AddSharedClusterIdentity(node);
        silo.UseRedisClustering(o =>
        {
            o.ConfigurationOptions = configuration;
            o.CreateMultiplexer = Shared;
        });
        silo.AddRedisGrainStorageAsDefault(builder => builder.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = configuration;
            o.CreateMultiplexer = Shared;
            // The Orleans serializer, as in the embedded profile: states tolerate added fields through their [Id]s.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.UseRedisReminderService(o =>
        {
            o.ConfigurationOptions = configuration;
            o.CreateMultiplexer = Shared;
        });
        silo.Services.AddSingleton(new RedisLedgerKeys(node.ServiceId));
        silo.Services.AddSingleton<RedisIncidentLedger>();
        silo.Services.AddSingleton<Grains.Members.IPatrolTracks, RedisPatrolTracks>();
        // The archive's files are in the file store (Storage:SharedDirectory when set, see FileStores), but its index is
        // SQLite under the node's data directory: per node, not shared. An incident archived by one node is found
        // through the index only on that node, and the SQLite index's move does not drop the events from Redis.
        // The index must move to shared storage (Redis) later.
        silo.Services.AddSingleton(_ => new SqliteDatabase(
            Path.Combine(options.FullDataDirectory, "archive-index.db"),
            [.. SqliteIncidentLedger.Schema, .. SqliteArchiveIndex.Schema]));
        silo.Services.AddSingleton<Grains.Archive.IArchiveIndex, SqliteArchiveIndex>();
        // Readers see archived incidents through the ledger as if they never left.
        silo.Services.AddSingleton<Grains.Incidents.IIncidentLedger>(sp => ActivatorUtilities.CreateInstance<ArchiveReadingLedger>(
            sp, sp.GetRequiredService<RedisIncidentLedger>()));
    }
}
