using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Sla;
using Hangfire;

namespace CommandCenter.Jobs;

/// <summary>
/// Registers the recurring jobs at start-up, on cron schedules in the city's time zone (<see cref="JobSchedules"/>). In the
/// Redis and PostgreSQL profiles Hangfire's storage outlives the process, so an occurrence missed while every node was down
/// is fired once when a node's Hangfire server comes back (its recurring-job scheduler fires an overdue occurrence once,
/// however many were missed); the embedded profile's in-memory storage forgets, so <see cref="MissedJobCatchUp"/> does it there.
/// </summary>
public sealed class RecurringJobSchedule(IRecurringJobManager jobs, ICityRules rules, IConfiguration configuration) : IHostedService
{
    private SlaPolicy policy => rules.Policy;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new RecurringJobOptions { TimeZone = policy.Calendar.TimeZone };
        foreach (var name in JobNames.All)
            jobs.AddOrUpdate<JobRunner>(name, runner => runner.Scheduled(name, CancellationToken.None), JobSchedules.Cron(configuration, name), options);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
