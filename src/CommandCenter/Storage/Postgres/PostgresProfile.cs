using CommandCenter.Cluster;
using Npgsql;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace CommandCenter.Storage.Postgres;

/// <summary>
/// A city's system of record: cluster membership, grain state and reminders in PostgreSQL through Orleans' ADO.NET
/// providers (their tables are migrations 0001–0004), the records through the process's one <see cref="NpgsqlDataSource"/>.
/// PostgreSQL commits (fsync, synchronous_commit=on) before it answers, so nothing the center acknowledged is lost when a
/// node or the database restarts. The schema is migrated before this runs (<see cref="PostgresSchema.Migrate"/>).
/// </summary>
public static class PostgresProfile
{
    /// <summary>The ADO.NET invariant Orleans loads Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    public static void AddPostgresProfile(this ISiloBuilder silo, string connectionString, StorageOptions options, NodeOptions node)
    {
        silo.AddSharedClusterIdentity(node);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorageAsDefault(builder => builder.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            // The Orleans serializer, as in the other profiles: states tolerate added fields through their [Id]s.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        // One pool for the records of the whole process; Orleans' providers keep their own (ADO.NET, by connection string).
        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        AddPostgresRecords(silo.Services, options);
    }

    /// <summary>
    /// The records: the incident ledger (read through <see cref="ArchiveReadingLedger"/>), patrol tracks, the archive
    /// index and the archive store.
    /// PLACEHOLDER: until the PostgreSQL records arrive, this registers the embedded (SQLite, per node) ones, so the
    /// profile builds and runs on one node; with several nodes each node would keep its own ledger.
    /// </summary>
    public static void AddPostgresRecords(IServiceCollection services, StorageOptions options)
    {
        // Replaced at merge by PostgresIncidentLedger, PostgresPatrolTracks, PostgresArchiveIndex
        services.AddSingleton(_ => new SqliteDatabase(
            Path.Combine(options.FullDataDirectory, "records.db"),
            [.. SqliteIncidentLedger.Schema, .. SqliteArchiveIndex.Schema, .. SqlitePatrolTracks.Schema]));
        services.AddSingleton<SqliteIncidentLedger>();
        services.AddSingleton<Grains.Members.IPatrolTracks, SqlitePatrolTracks>();
        services.AddSingleton<Grains.Archive.IArchiveIndex, SqliteArchiveIndex>();
        services.AddSingleton<Grains.Archive.IArchiveStore>(_ => new FileArchiveStore(Path.Combine(options.FullDataDirectory, "archive")));
        // Readers see archived incidents through the ledger as if they never left.
        services.AddSingleton<Grains.Incidents.IIncidentLedger>(sp => ActivatorUtilities.CreateInstance<ArchiveReadingLedger>(
            sp, sp.GetRequiredService<SqliteIncidentLedger>()));
    }
}
