using CommandCenter.Assessment;
using CommandCenter.Grains.Incidents;
using CommandCenter.Inspections;
using CommandCenter.Reports;

namespace CommandCenter.Jobs;

/// <summary>
/// Runs a job by name: Hangfire calls <see cref="Scheduled"/> on its schedule, an admin calls
/// <see cref="RunNow"/> through the API. A scheduled run covers the period just ended (yesterday's report,
/// last month's assessment); a run now covers the period so far (today, this month).
/// </summary>
public sealed class JobRunner(
    ArchiveRun archive, DailyReport report, MonthlyAssessment assessment, RandomInspection inspection, TrackRetentionRun retention,
    IJobRuns runs, TimeProvider clock, ILogger<JobRunner> log)
{
    /// <summary>What Hangfire invokes; the argument is the job name, so the dashboard shows which job ran.</summary>
    public Task Scheduled(string name, CancellationToken cancellationToken) =>
        Recorded(name, JobTriggers.Schedule, () => ForOccurrence(name, cancellationToken));

    /// <summary>An occurrence missed while the center was stopped, run once at the next start (<see cref="MissedJobCatchUp"/>).</summary>
    public Task CatchUp(string name, CancellationToken cancellationToken) =>
        Recorded(name, JobTriggers.CatchUp, () => ForOccurrence(name, cancellationToken));

    /// <summary>An admin's run now (the period so far), recorded for the job history.</summary>
    public Task<object> ByHand(string name, Actor actor, string? argument, CancellationToken cancellationToken) =>
        Recorded(name, JobTriggers.ByHand, () => RunNow(name, actor, argument, cancellationToken));

    /// <summary>
    /// A scheduled or caught-up run covers the period just ended. Each job is safe to run again for the same occurrence
    /// (reports and assessments are keyed by their day or month and overwrite; the archive and the track trim finish what
    /// is pending; the inspection draw stays within its quotas), so a run cut short is simply run again.
    /// </summary>
    private async Task<object> ForOccurrence(string name, CancellationToken cancellationToken) => name switch
    {
        JobNames.DailyReport => await report.Write(report.Today().AddDays(-1), cancellationToken),
        JobNames.Assessment => await assessment.Run(assessment.PreviousPeriod(), cancellationToken),
        _ => await RunNow(name, Actor.System, null, cancellationToken),
    };

    /// <summary>The work, written into the record of runs before it starts and when it ends.</summary>
    private async Task<object> Recorded(string name, string trigger, Func<Task<object>> work)
    {
        var run = await runs.Started(name, trigger, clock.GetUtcNow());
        try
        {
            var result = await work();
            await runs.Finished(run, clock.GetUtcNow(), JobOutcomes.Succeeded);
            log.LogInformation("Job {Job} ran ({Trigger}): {Result}", name, trigger, result);
            return result;
        }
        catch
        {
            await runs.Finished(run, clock.GetUtcNow(), JobOutcomes.Failed);
            throw;
        }
    }

    /// <param name="argument">daily-report: the day (yyyy-MM-dd); assessment: the month (yyyy-MM); otherwise unused.</param>
    public async Task<object> RunNow(string name, Actor actor, string? argument, CancellationToken cancellationToken) => name switch
    {
        JobNames.Archive => await archive.ArchiveAllFiled(actor, cancellationToken),
        JobNames.DailyReport => await report.Write(argument is null ? report.Today() : DateOnly.ParseExact(argument, "yyyy-MM-dd"), cancellationToken),
        JobNames.Assessment => await assessment.Run(argument ?? assessment.CurrentPeriod(), cancellationToken),
        JobNames.TrackRetention => await retention.Run(cancellationToken),
        JobNames.RandomInspection => await inspection.Draw(Random.Shared.Next()),
        _ => throw new ArgumentException($"Unknown job \"{name}\".", nameof(name)),
    };
}
