namespace CommandCenter.Jobs;

/// <summary>One run of a recurring job: why it ran (schedule, catch-up, first-start), when, and how it ended.</summary>
public sealed record JobRun(string Job, string Trigger, DateTimeOffset Started, DateTimeOffset? Finished, string? Outcome);

/// <summary>Why a job ran, as the record and the job history say it.</summary>
public static class JobTriggers
{
    public const string Schedule = "schedule";
    public const string CatchUp = "catch-up";
    /// <summary>An admin's run now: it covers the period so far, not the occurrence, so it never stands in for one.</summary>
    public const string ByHand = "admin";
    /// <summary>Not a run: the first start that scheduled the job. Occurrences before it are owed nothing.</summary>
    public const string FirstStart = "first-start";
}

/// <summary>How a run ended.</summary>
public static class JobOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>
/// The record of the recurring jobs' runs, which the catch-up at start reads and admins see (GET /api/jobs). A run that
/// failed or never finished (the process died) does not count as done, so the next start runs the job again.
/// </summary>
public interface IJobRuns
{
    Task<long> Started(string job, string trigger, DateTimeOffset at);

    Task Finished(long run, DateTimeOffset at, string outcome);

    /// <summary>When the job last started a scheduled or caught-up run that succeeded (or was first scheduled); null when never.</summary>
    Task<DateTimeOffset?> LastDone(string job);

    /// <summary>The latest runs of every job, newest first, at most <paramref name="perJob"/> each.</summary>
    Task<IReadOnlyList<JobRun>> Latest(int perJob);
}
