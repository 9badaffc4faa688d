using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Sla;
using Hangfire;

namespace CommandCenter.Jobs;

/// <summary>Registers the recurring jobs at start-up, on cron schedules in the city's time zone.</summary>
public sealed class RecurringJobSchedule(IRecurringJobManager jobs, ICityRules rules, IConfiguration configuration) : IHostedService
{
    private SlaPolicy policy => rules.Policy;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new RecurringJobOptions { TimeZone = policy.Calendar.TimeZone };
        void Add(string name, string defaultCron) =>
            jobs.AddOrUpdate<JobRunner>(name, runner => runner.Scheduled(name, CancellationToken.None), configuration[$"Jobs:Schedule:{name}"] ?? defaultCron, options);
        Add(JobNames.DailyReport, "30 0 * * *");        // 00:30: yesterday's report
        Add(JobNames.Archive, "0 2 * * *");             // 02:00: nightly archive
        Add(JobNames.RandomInspection, "0 7 * * *");    // 07:00: the day's inspection, before office hours
        Add(JobNames.Assessment, "0 3 1 * *");          // 03:00 on the 1st: last month's assessment
        Add(JobNames.TrackRetention, "30 2 * * *");     // 02:30: patrol fixes older than Patrol:TrackRetentionDays go
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
