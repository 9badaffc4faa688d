using CommandCenter.Grains.Archive;
using Npgsql;

namespace CommandCenter.Storage.Files;

/// <summary>
/// Which file store a storage profile keeps its files in, and the archive over it. Embedded: the data directory, where
/// the files always were. Redis: Storage:SharedDirectory, a folder every node mounts; unset, each node's data directory
/// (files are then per node: a warning at start). Postgres: the database's cc_files, through the NpgsqlDataSource the
/// PostgreSQL profile registers.
/// </summary>
public static class FileStores
{
    public const string PostgresProfile = "Postgres";

    public static void Register(IServiceCollection services, StorageOptions options)
    {
        if (string.Equals(options.Profile, PostgresProfile, StringComparison.OrdinalIgnoreCase))
            services.AddSingleton<IFileStore>(sp => new PostgresFileStore(sp.GetRequiredService<NpgsqlDataSource>()));
        else if (options.IsRedis && !string.IsNullOrWhiteSpace(options.SharedDirectory))
            services.AddSingleton<IFileStore>(new DirectoryFileStore(options.SharedDirectory));
        else
        {
            services.AddSingleton<IFileStore>(new DirectoryFileStore(options.FullDataDirectory));
            if (options.IsRedis) services.AddHostedService<PerNodeFilesWarning>();
        }
        services.AddSingleton<IArchiveStore>(sp => new FileArchiveStore(sp.GetRequiredService<IFileStore>()));
    }
}
