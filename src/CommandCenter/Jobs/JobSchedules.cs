namespace CommandCenter.Jobs;

/// <summary>
/// Each recurring job's cron schedule, in the city's time zone: the default here, or Jobs:Schedule:{name}. Hangfire's
/// registration and the catch-up at start read the same schedule.
/// </summary>
public static class JobSchedules
{
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        [JobNames.DailyReport] = "30 0 * * *",      // 00:30: yesterday's report
        [JobNames.Archive] = "0 2 * * *",           // 02:00: nightly archive
        [JobNames.RandomInspection] = "0 7 * * *",  // 07:00: the day's inspection, before office hours
        [JobNames.Assessment] = "0 3 1 * *",        // 03:00 on the 1st: last month's assessment
        [JobNames.TrackRetention] = "30 2 * * *",   // 02:30: patrol fixes older than Patrol:TrackRetentionDays go
    };

    public static string Cron(IConfiguration configuration, string name) => configuration[$"Jobs:Schedule:{name}"] ?? Defaults[name];

    /// <summary>
    /// The occurrence that a run finished at <paramref name="lastRun"/> still owes, if one fell due by <paramref name="now"/>:
    /// the first occurrence after the last run (however many were missed, one run covers them: each job works on the
    /// period just ended, or on everything pending).
    /// </summary>
    public static DateTimeOffset? Owed(string cron, DateTimeOffset lastRun, DateTimeOffset now, TimeZoneInfo zone)
    {
        var next = Cronos.CronExpression.Parse(cron).GetNextOccurrence(lastRun, zone);
        return next is { } due && due <= now ? due : null;
    }
}
