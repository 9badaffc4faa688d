using CommandCenter.Cluster;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace CommandCenter.Storage;

/// <summary>One node, zero setup: SQLite in the data directory, localhost clustering, in-memory reminders.</summary>
public static class EmbeddedProfile
{
    public static void AddEmbeddedProfile(this ISiloBuilder silo, StorageOptions options, NodeOptions node)
    {
        silo.UseLocalhostClustering(siloPort: node.SiloPort, gatewayPort: node.GatewayPort);
        silo.Services.AddSingleton(_ => new SqliteDatabase(
            Path.Combine(options.FullDataDirectory, "command-center.db"),
            [SqliteGrainStorage.Schema, .. SqliteIncidentLedger.Schema, .. SqliteArchiveIndex.Schema, .. SqlitePatrolTracks.Schema,
             Health.SqliteWriteCheck.Schema, .. Jobs.SqliteJobRuns.Schema]));
        silo.Services.AddSingleton<SqliteIncidentLedger>();
        silo.Services.AddSingleton<Grains.Members.IPatrolTracks, SqlitePatrolTracks>();
        silo.Services.AddSingleton<Grains.Archive.IArchiveIndex, SqliteArchiveIndex>();
        // Readers see archived incidents through the ledger as if they never left.
        silo.Services.AddSingleton<Grains.Incidents.IIncidentLedger>(sp => ActivatorUtilities.CreateInstance<ArchiveReadingLedger>(
            sp, sp.GetRequiredService<SqliteIncidentLedger>()));
        // Reminders live in memory; after a restart the SLA re-arm wakes every incident with a running clock.
        silo.UseInMemoryReminderService();
        silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            (sp, _) => ActivatorUtilities.CreateInstance<SqliteGrainStorage>(sp));
    }
}
