using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Kpis;
using CommandCenter.Tests.Support;

namespace CommandCenter.Rules.Tests.Kpis;

/// <summary>The supervisor's charts from hand-built ledgers: reports by category, channel and hour, and each day's backlog.</summary>
[Trait("Category", "Unit")]
public class ScopeActivityTests
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // Local midnight of 2026-11-02 in UTC+8 is 2026-11-01T16:00Z.
    private static readonly DateTimeOffset Day1 = new(2026, 11, 1, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reports_are_counted_by_category_channel_and_city_hour_and_the_backlog_by_grid_each_evening()
    {
        // A: JY01, reported 09:00 local on day 1 (01:00Z), closed at 10:00 local on day 2 → open at the end of day 1 only.
        var a = new HandBuiltLog("A", Day1.AddHours(9), HandBuiltLog.Block("JY01"));
        a.Dispatch(Day1.AddHours(9.1), "M1").Accept(Day1.AddHours(9.2)).Resolve(Day1.AddHours(10))
            .Verify(Day1.AddHours(11), passed: true).Evaluate(Day1.AddHours(24 + 10), 5);
        // B: JY01, another category, reported 21:30 local on day 1; still open at both evenings.
        var b = new HandBuiltLog("B", Day1.AddHours(21.5), HandBuiltLog.Block("JY01"), category: "C0101");
        // C: JY02, reported 09:15 local on day 2: open at the end of day 2 only.
        var c = new HandBuiltLog("C", Day1.AddHours(24 + 9.25), HandBuiltLog.Block("JY02"));
        // D: reported the day before the window and still open: no report counted, but in the backlog of both days.
        var d = new HandBuiltLog("D", Day1.AddHours(-3), HandBuiltLog.Block("JY02"));

        var activity = ScopeActivity.Of([a.Events, b.Events, c.Events, d.Events], "JY", isCity: true, Day1, Day1.AddDays(2), Beijing, maxPoints: 10);

        activity.Reports.Should().Be(3, "A, B and C were reported in the window; D before it");
        activity.ByCategory.Should().Equal(new ActivityCount("E0102", 2), new ActivityCount("C0101", 1));
        activity.ByChannel.Should().Equal(new ActivityCount("hotline", 3));
        activity.ByHour[9].Should().Be(2, "A at 09:00 and C at 09:15 city time");
        activity.ByHour[21].Should().Be(1, "B at 21:30 city time");
        activity.ByHour.Sum().Should().Be(3);
        // End of day 1: A, B (JY01), D (JY02). End of day 2: B (JY01), C and D (JY02).
        activity.Backlog.Should().Equal(
            new BacklogPoint(new DateOnly(2026, 11, 2), "JY01", 2), new BacklogPoint(new DateOnly(2026, 11, 2), "JY02", 1),
            new BacklogPoint(new DateOnly(2026, 11, 3), "JY01", 1), new BacklogPoint(new DateOnly(2026, 11, 3), "JY02", 2));
        activity.Points.Should().HaveCount(3);
    }

    [Fact]
    public void A_town_counts_only_its_own_cases_by_its_villages()
    {
        var inside = new HandBuiltLog("A", Day1.AddHours(9), HandBuiltLog.Block("JY01"));
        var outside = new HandBuiltLog("B", Day1.AddHours(9), HandBuiltLog.Block("JY02"));

        var activity = ScopeActivity.Of([inside.Events, outside.Events], "JY01", isCity: false, Day1, Day1.AddDays(1), Beijing, maxPoints: 10);

        activity.Reports.Should().Be(1);
        activity.Backlog.Should().Equal(new BacklogPoint(new DateOnly(2026, 11, 2), "JY01-01", 1));
    }

    [Fact]
    public void The_heat_map_keeps_the_newest_positions_only()
    {
        var logs = Enumerable.Range(0, 5).Select(i => new HandBuiltLog($"P{i}", Day1.AddHours(i + 1), HandBuiltLog.Block("JY01")).Events).ToList();
        ScopeActivity.Of(logs, "JY", isCity: true, Day1, Day1.AddDays(1), Beijing, maxPoints: 2).Points.Should().HaveCount(2);
    }
}
