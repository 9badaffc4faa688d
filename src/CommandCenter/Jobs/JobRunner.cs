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
public sealed class JobRunner(ArchiveRun archive, DailyReport report, MonthlyAssessment assessment, RandomInspection inspection, TrackRetentionRun retention, ILogger<JobRunner> log)
{
    /// <summary>What Hangfire invokes; the argument is the job name, so the dashboard shows which job ran.</summary>
    public async Task Scheduled(string name, CancellationToken cancellationToken)
    {
        var result = name switch
        {
            JobNames.DailyReport => await report.Write(report.Today().AddDays(-1), cancellationToken),
            JobNames.Assessment => await assessment.Run(assessment.PreviousPeriod(), cancellationToken),
            _ => await RunNow(name, Actor.System, null, cancellationToken),
        };
        log.LogInformation("Job {Job} ran: {Result}", name, result);
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
