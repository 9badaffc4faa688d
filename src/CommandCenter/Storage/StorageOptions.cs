namespace CommandCenter.Storage;

/// <summary>Where the center keeps its data and which storage profile it runs on (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Embedded = "Embedded";
    public const string RedisProfile = "Redis";
    public const string PostgresProfile = "Postgres";

    /// <summary>Every profile's name, for messages.</summary>
    public static string ProfileNames => $"\"{Embedded}\", \"{RedisProfile}\" or \"{PostgresProfile}\"";

    /// <summary>Embedded (SQLite files, zero setup), Redis (scale-out) or Postgres (a city's system of record).</summary>
    public string Profile { get; set; } = Embedded;

    /// <summary>Relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// The Redis profile's connection string (StackExchange.Redis syntax, e.g. "127.0.0.1:6379,password=…"). In the
    /// Postgres profile it is optional and only carries the SignalR backplane.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The Postgres profile's connection string (Npgsql syntax, e.g. "Host=db;Database=gcc;Username=gcc;Password=…").</summary>
    public string? Postgres { get; set; }

    /// <summary>Prefix of the SignalR backplane's channels, so several deployments can share one Redis.</summary>
    public string RedisChannelPrefix { get; set; } = "gcc";

    /// <summary>
    /// A folder every node mounts (e.g. NFS), where the Redis profile keeps photos, uploads, reports and archive files so
    /// every node reaches the same ones. Unset: each node keeps its own under its data directory (a warning at start).
    /// </summary>
    public string? SharedDirectory { get; set; }

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public bool IsRedis => string.Equals(Profile, RedisProfile, StringComparison.OrdinalIgnoreCase);

    public bool IsPostgres => string.Equals(Profile, PostgresProfile, StringComparison.OrdinalIgnoreCase);

    public bool IsKnown => IsEmbedded || IsRedis || IsPostgres;

    /// <summary>The Postgres profile's connection string; a start without one stops naming the setting.</summary>
    public string PostgresConnectionString() => string.IsNullOrWhiteSpace(Postgres)
        ? throw new InvalidOperationException(
            "Storage:Profile is Postgres but Storage:Postgres (the Npgsql connection string, e.g. \"Host=127.0.0.1;Database=gcc;Username=gcc;Password=…\") is empty.")
        : Postgres;

    public bool IsEmbedded => string.Equals(Profile, Embedded, StringComparison.OrdinalIgnoreCase);
}
