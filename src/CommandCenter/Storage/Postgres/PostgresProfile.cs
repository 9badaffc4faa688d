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
        AddPostgresRecords(silo.Services);
    }

    /// <summary>
    /// The records, all in PostgreSQL so every node reads the same: the incident ledger (read through
    /// <see cref="ArchiveReadingLedger"/>, so archived incidents read as if they never left), patrol tracks and the archive
    /// index. The archive's files are in the shared file store (Files.FileStores, cc_files in this profile).
    /// </summary>
    public static void AddPostgresRecords(IServiceCollection services)
    {
        services.AddSingleton<PostgresIncidentLedger>();
        services.AddSingleton<Grains.Members.IPatrolTracks, PostgresPatrolTracks>();
        services.AddSingleton<Grains.Archive.IArchiveIndex, PostgresArchiveIndex>();
        services.AddSingleton<Grains.Incidents.IIncidentLedger>(sp => ActivatorUtilities.CreateInstance<ArchiveReadingLedger>(
            sp, sp.GetRequiredService<PostgresIncidentLedger>()));
    }
}
