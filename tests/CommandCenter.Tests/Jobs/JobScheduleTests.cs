using CommandCenter.Jobs;

namespace CommandCenter.Tests.Jobs;

/// <summary>When a recurring job is owed a run: its first occurrence after the last run, in the city's time zone.</summary>
[Trait("Category", "Unit")]
public class JobScheduleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // 00:30 in Shanghai is 16:30 UTC the day before.
    [Theory]
    [InlineData("2026-03-10T16:00:00Z", "2026-03-10T16:29:59Z", null)]
    [InlineData("2026-03-10T16:00:00Z", "2026-03-10T16:30:00Z", "2026-03-10T16:30:00Z")]
    [InlineData("2026-03-10T16:00:00Z", "2026-03-14T09:00:00Z", "2026-03-10T16:30:00Z")]
    [InlineData("2026-03-10T16:30:00Z", "2026-03-11T16:00:00Z", null)]
    public void The_daily_report_is_owed_its_first_occurrence_after_the_last_run(string lastRun, string now, string? owed)
    {
        var due = JobSchedules.Owed(JobSchedules.Defaults[JobNames.DailyReport], DateTimeOffset.Parse(lastRun), DateTimeOffset.Parse(now), Shanghai);

        due.Should().Be(owed is null ? null : DateTimeOffset.Parse(owed));
    }

    [Fact]
    public void The_monthly_assessment_is_owed_once_the_first_of_the_month_at_three_has_passed()
    {
        var cron = JobSchedules.Defaults[JobNames.Assessment];
        var lastRun = DateTimeOffset.Parse("2026-02-28T19:00:00Z"); // 03:00 on 1 March in Shanghai

        JobSchedules.Owed(cron, lastRun, DateTimeOffset.Parse("2026-03-31T18:59:00Z"), Shanghai).Should().BeNull();
        JobSchedules.Owed(cron, lastRun, DateTimeOffset.Parse("2026-03-31T19:00:00Z"), Shanghai).Should().Be(DateTimeOffset.Parse("2026-03-31T19:00:00Z"));
    }
}
