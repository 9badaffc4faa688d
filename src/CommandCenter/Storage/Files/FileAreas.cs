namespace CommandCenter.Storage.Files;

/// <summary>The areas of the file store; in a folder store each is a folder under the root, as the data directory always had.</summary>
public static class FileAreas
{
    /// <summary>Incident photos and their facts (name + ".json").</summary>
    public const string Photos = "photos";

    /// <summary>Resumable uploads in progress: the partial file, its record and its claimed photo name.</summary>
    public const string Uploads = "uploads";

    /// <summary>Daily reports: yyyy-MM-dd/{grid}.json and .csv.</summary>
    public const string Reports = "reports";

    /// <summary>Sealed archive day files and their manifest (归档入云).</summary>
    public const string Archive = "archive";

    public static readonly IReadOnlyList<string> All = [Photos, Uploads, Reports, Archive];
}
