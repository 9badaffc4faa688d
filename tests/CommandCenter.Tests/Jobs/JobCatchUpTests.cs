using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Jobs;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Jobs;

/// <summary>
/// The embedded profile forgets Hangfire's schedule at every stop; a job whose hour passed while the center was stopped
/// runs once at the next start, and never twice for the same occurrence.
/// </summary>
[Trait("Category", "InProcess")]
public class JobCatchUpTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-catch-up", Guid.NewGuid().ToString("N"));

    // 00:00 on 11 March in Shanghai: half an hour before the daily report, two hours before the archive.
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-03-10T16:00:00Z"));

    private async Task<IReadOnlyList<JobRun>> StartAndCatchUp()
    {
        using var center = new CenterFactory(data, clock);
        center.CreateClient(); // starts the host
        await center.Services.GetRequiredService<MissedJobCatchUp>().Completion.WaitAsync(TimeSpan.FromMinutes(2));
        return await center.Services.GetRequiredService<IJobRuns>().Latest(perJob: 50);
    }

    private static int CatchUps(IEnumerable<JobRun> runs, string job) => runs.Count(r => r.Job == job && r.Trigger == JobTriggers.CatchUp);

    [Fact]
    public async Task A_center_stopped_over_the_daily_reports_hour_runs_it_once_at_its_next_start_and_not_again()
    {
        var first = await StartAndCatchUp();
        first.Where(r => r.Trigger == JobTriggers.CatchUp).Should().BeEmpty("a new center owes nothing from before it existed");
        first.Where(r => r.Trigger == JobTriggers.FirstStart).Select(r => r.Job).Should().BeEquivalentTo(JobNames.All);

        clock.Advance(TimeSpan.FromHours(1)); // 01:00: the report's 00:30 passed while stopped, the archive's 02:00 not yet
        var second = await StartAndCatchUp();
        CatchUps(second, JobNames.DailyReport).Should().Be(1);
        second.Single(r => r.Trigger == JobTriggers.CatchUp).Outcome.Should().Be(JobOutcomes.Succeeded);
        foreach (var other in JobNames.All.Where(j => j != JobNames.DailyReport))
            CatchUps(second, other).Should().Be(0, $"{other}'s hour has not come");
        File.Exists(Path.Combine(data, "reports", "2026-03-10", "JY10.csv")).Should().BeTrue("the caught-up run wrote yesterday's report");

        var third = await StartAndCatchUp();
        CatchUps(third, JobNames.DailyReport).Should().Be(1, "the occurrence was run already");
        third.Count(r => r.Trigger == JobTriggers.CatchUp).Should().Be(1);
    }

    [Fact]
    public async Task Admins_read_each_jobs_schedule_and_latest_runs()
    {
        await StartAndCatchUp();
        clock.Advance(TimeSpan.FromHours(1));
        using var center = new CenterFactory(data, clock);
        await center.Services.GetRequiredService<MissedJobCatchUp>().Completion.WaitAsync(TimeSpan.FromMinutes(2));
        (await (await center.ClientFor("operator1")).GetAsync("/api/jobs")).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);

        var jobs = await (await center.ClientFor("admin")).GetFromJsonAsync<JsonElement>("/api/jobs");

        var report = jobs.EnumerateArray().Single(j => j.GetProperty("job").GetString() == JobNames.DailyReport);
        report.GetProperty("schedule").GetString().Should().Be("30 0 * * *");
        var latest = report.GetProperty("runs")[0];
        latest.GetProperty("trigger").GetString().Should().Be(JobTriggers.CatchUp);
        latest.GetProperty("outcome").GetString().Should().Be(JobOutcomes.Succeeded);
        jobs.EnumerateArray().Select(j => j.GetProperty("job").GetString()).Should().BeEquivalentTo(JobNames.All);

        var admin = await center.ClientFor("admin");
        (await admin.PostAsync("/api/jobs/archive/run", null)).EnsureSuccessStatusCode();
        var archive = (await admin.GetFromJsonAsync<JsonElement>("/api/jobs")).EnumerateArray().Single(j => j.GetProperty("job").GetString() == JobNames.Archive);
        archive.GetProperty("runs")[0].GetProperty("trigger").GetString().Should().Be(JobTriggers.ByHand, "a run by hand shows in the history");
        (await center.Services.GetRequiredService<IJobRuns>().LastDone(JobNames.Archive)).Should().Be(DateTimeOffset.Parse("2026-03-10T16:00:00Z"),
            "a run by hand covers the day so far, not the 02:00 occurrence, so it never stands in for it");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
