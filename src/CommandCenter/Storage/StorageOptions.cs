namespace CommandCenter.Storage;

/// <summary>Where the center keeps its data and which storage profile it runs on (section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Embedded (SQLite files, zero setup) or Redis (scale-out).</summary>
    public string Profile { get; set; } = "Embedded";

    /// <summary>Relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
