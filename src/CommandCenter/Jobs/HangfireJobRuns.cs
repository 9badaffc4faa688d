using Hangfire;
using Hangfire.Storage;

namespace CommandCenter.Jobs;

/// <summary>
/// The Redis and PostgreSQL profiles' record of job runs is Hangfire's own storage: it is durable and every node shares
/// it, so its recurring jobs' last execution and state are the history, and its scheduler fires an occurrence missed while
/// the cluster was down once when a node comes back. A second record beside it would be a second truth that nodes must
/// agree on, and a catch-up per node would run a job once per node. Runs are therefore not written here; only read.
/// </summary>
public sealed class HangfireJobRuns(JobStorage storage) : IJobRuns
{
    public Task<long> Started(string job, string trigger, DateTimeOffset at) => Task.FromResult(0L);

    public Task Finished(long run, DateTimeOffset at, string outcome) => Task.CompletedTask;

    public Task<DateTimeOffset?> LastDone(string job) =>
        Task.FromResult(Recurring().FirstOrDefault(r => r.Id == job)?.LastExecution is { } last ? new DateTimeOffset(last, TimeSpan.Zero) : (DateTimeOffset?)null);

    public Task<IReadOnlyList<JobRun>> Latest(int perJob) => Task.FromResult<IReadOnlyList<JobRun>>(Recurring()
        .Where(r => r.LastExecution is not null)
        .Select(r => new JobRun(r.Id, JobTriggers.Schedule, new DateTimeOffset(r.LastExecution!.Value, TimeSpan.Zero), null, r.LastJobState?.ToLowerInvariant()))
        .OrderBy(r => r.Job, StringComparer.Ordinal)
        .ToList());

    private List<RecurringJobDto> Recurring()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs();
    }
}
