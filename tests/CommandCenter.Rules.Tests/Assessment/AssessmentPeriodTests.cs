using CommandCenter.Grains.Assessment;

namespace CommandCenter.Rules.Tests.Assessment;

[Trait("Category", "Unit")]
public class AssessmentPeriodTests
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("2026-11", AssessmentKind.Month, "2026-11-01", "2026-12-01", "2026年11月", "月通报")]
    [InlineData("2026-12", AssessmentKind.Month, "2026-12-01", "2027-01-01", "2026年12月", "月通报")]
    [InlineData("2026-Q4", AssessmentKind.Quarter, "2026-10-01", "2027-01-01", "2026年第四季度", "季考评")]
    [InlineData("2026-q1", AssessmentKind.Quarter, "2026-01-01", "2026-04-01", "2026年第一季度", "季考评")]
    [InlineData("2026", AssessmentKind.Year, "2026-01-01", "2027-01-01", "2026年度", "年考核")]
    public void A_period_is_read_as_people_write_it(string code, AssessmentKind kind, string first, string next, string words, string name)
    {
        var period = AssessmentPeriod.Parse(code, out var problem)!;
        problem.Should().BeNull();
        period.Kind.Should().Be(kind);
        period.First.Should().Be(DateOnly.Parse(first));
        period.Next.Should().Be(DateOnly.Parse(next));
        period.Words.Should().Be(words);
        period.Name.Should().Be(name);
    }

    [Fact]
    public void Its_window_runs_between_midnights_in_the_citys_zone()
    {
        var (from, to) = AssessmentPeriod.Parse("2026-11", out _)!.Window(Beijing);
        // Midnight in UTC+8 is 16:00 the day before in UTC.
        from.Should().Be(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero));
        to.Should().Be(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("2026-11", "2026-10")]
    [InlineData("2026-01", "2025-12")]
    [InlineData("2026-Q1", "2025-Q4")]
    [InlineData("2026-Q3", "2026-Q2")]
    [InlineData("2026", "2025")]
    public void The_previous_period_is_of_the_same_kind(string code, string previous) =>
        AssessmentPeriod.Parse(code, out _)!.Previous().Code.Should().Be(previous);

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("2026-11-01")]
    [InlineData("Nov 2026")]
    [InlineData("")]
    [InlineData(null)]
    public void A_bad_period_says_how_to_write_one(string? code)
    {
        AssessmentPeriod.Parse(code, out var problem).Should().BeNull();
        problem.Should().StartWith("period");
    }
}
