namespace CommandCenter.Jobs;

/// <summary>The recurring jobs, by the names Hangfire, the run endpoint and the README use.</summary>
public static class JobNames
{
    public const string DailyReport = "daily-report";
    public const string Assessment = "assessment";
    public const string Archive = "archive";
    public const string RandomInspection = "random-inspection";
    public const string TrackRetention = "track-retention";

    public static readonly IReadOnlyList<string> All = [DailyReport, Assessment, Archive, RandomInspection, TrackRetention];
}
