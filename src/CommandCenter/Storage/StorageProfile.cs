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
            [SqliteGrainStorage.Schema, .. SqliteIncidentLedger.Schema]));
        silo.Services.AddSingleton<Grains.Incidents.IIncidentLedger, SqliteIncidentLedger>();
        // Reminders live in memory; after a restart the SLA re-arm wakes every incident with a running clock.
        silo.UseInMemoryReminderService();
        silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            (sp, _) => ActivatorUtilities.CreateInstance<SqliteGrainStorage>(sp));
    }
}
