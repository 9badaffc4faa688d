using CommandCenter.Grains.Setup;

namespace CommandCenter.Jobs;

/// <summary>
/// The embedded profile's catch-up: Hangfire's in-memory storage forgets the schedule at every stop, so an occurrence that
/// fell due while the center was stopped would be skipped. Once the center has started, every job whose last successful
/// run started before its latest occurrence (cron in the city's time zone) runs once, in the background so readiness does
/// not wait for it. A job never scheduled before is marked (first-start) instead: occurrences before the center first
/// existed are owed nothing.
/// </summary>
public sealed class MissedJobCatchUp(
    JobRunner runner, IJobRuns runs, ICityRules rules, IConfiguration configuration, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<MissedJobCatchUp> log) : BackgroundService
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when this start's catch-up has run every owed job (or found none).</summary>
    public Task Completion => done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStarted(stoppingToken);
            var zone = rules.Policy.Calendar.TimeZone;
            foreach (var job in JobNames.All)
            {
                if (stoppingToken.IsCancellationRequested) break;
                var now = clock.GetUtcNow();
                if (await runs.LastDone(job) is not { } last)
                {
                    await runs.Started(job, JobTriggers.FirstStart, now);
                    continue;
                }
                if (JobSchedules.Owed(JobSchedules.Cron(configuration, job), last, now, zone) is not { } due) continue;
                log.LogInformation("Job {Job} was due at {Due} while the center was stopped; running it now", job, due);
                try { await runner.CatchUp(job, stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Recorded as failed, so the next start tries again; the other jobs still catch up.
                    log.LogError(e, "Catching up job {Job} failed", job);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            done.TrySetResult();
        }
    }

    private async Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onStop = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }
}
