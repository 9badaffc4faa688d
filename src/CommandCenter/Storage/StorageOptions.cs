namespace CommandCenter.Storage;

/// <summary>Where the center keeps its data and which storage profile it runs on (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Embedded = "Embedded";
    public const string RedisProfile = "Redis";

    /// <summary>Embedded (SQLite files, zero setup) or Redis (scale-out).</summary>
    public string Profile { get; set; } = Embedded;

    /// <summary>Relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The Redis profile's connection string (StackExchange.Redis syntax, e.g. "127.0.0.1:6379,password=…").</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of the SignalR backplane's channels, so several deployments can share one Redis.</summary>
    public string RedisChannelPrefix { get; set; } = "gcc";

    /// <summary>
    /// A folder every node mounts (e.g. NFS), where the Redis profile keeps photos, uploads, reports and archive files so
    /// every node reaches the same ones. Unset: each node keeps its own under its data directory (a warning at start).
    /// </summary>
    public string? SharedDirectory { get; set; }

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public bool IsRedis => string.Equals(Profile, RedisProfile, StringComparison.OrdinalIgnoreCase);

    public bool IsEmbedded => string.Equals(Profile, Embedded, StringComparison.OrdinalIgnoreCase);
}
