using Orleans.Runtime.Hosting;
using Orleans.Providers;

namespace CommandCenter.Storage;

/// <summary>The one switch between storage profiles. Only the embedded profile exists so far.</summary>
public static class StorageProfile
{
    public static void AddCommandCenterStorage(this ISiloBuilder silo, StorageOptions options)
    {
        if (!string.Equals(options.Profile, "Embedded", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Storage:Profile \"{options.Profile}\" is not available in this build; use \"Embedded\".");

        silo.Services.AddSingleton(_ => new SqliteDatabase(
            Path.Combine(options.FullDataDirectory, "command-center.db"),
            [SqliteGrainStorage.Schema, .. SqliteIncidentLedger.Schema, .. SqliteArchiveIndex.Schema]));
        silo.Services.AddSingleton<SqliteIncidentLedger>();
        silo.Services.AddSingleton<Grains.Archive.IArchiveIndex, SqliteArchiveIndex>();
        silo.Services.AddSingleton<Grains.Archive.IArchiveStore>(_ => new FileArchiveStore(Path.Combine(options.FullDataDirectory, "archive")));
        // Readers see archived incidents through the ledger as if they never left.
        silo.Services.AddSingleton<Grains.Incidents.IIncidentLedger>(sp => ActivatorUtilities.CreateInstance<ArchiveReadingLedger>(
            sp, sp.GetRequiredService<SqliteIncidentLedger>()));
        // Reminders live in memory; after a restart the SLA re-arm wakes every incident with a running clock.
        silo.UseInMemoryReminderService();
        silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            (sp, _) => ActivatorUtilities.CreateInstance<SqliteGrainStorage>(sp));
    }

    /// <summary>Where Hangfire keeps its jobs: in memory for the embedded profile (recurring jobs are re-registered at every start).</summary>
    public static void AddJobStorage(this IServiceCollection services, StorageOptions options)
    {
        if (!string.Equals(options.Profile, "Embedded", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Storage:Profile \"{options.Profile}\" has no job storage in this build; use \"Embedded\".");
        services.AddSingleton<Hangfire.JobStorage>(sp =>
        {
            // Hangfire configures its process-wide logging when its configuration is first resolved; do that before the storage logs.
            sp.GetRequiredService<Hangfire.IGlobalConfiguration>();
            return new Hangfire.InMemory.InMemoryStorage();
        });
    }
}
