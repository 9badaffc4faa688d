using CommandCenter.Grains.Members;
using CommandCenter.Grains.Patrol;

namespace CommandCenter.Rules.Tests.Patrol;

[Trait("Category", "Unit")]
public class PatrolStatisticsTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 24, 0, 30, 0, TimeSpan.Zero); // 08:30 in the city
    private static readonly PatrolFilter Rules = PatrolFilter.Default;

    [Fact]
    public void A_straight_walk_is_measured_within_one_percent_of_its_length_and_time()
    {
        var walk = new SyntheticWalk(Morning).Begin().Walk(3_000, 0);

        var summary = PatrolStatistics.Summarise(walk.Fixes, Rules);

        summary.DistanceMetres.Should().BeApproximately(walk.TrueMetres, walk.TrueMetres * 0.01);
        summary.PatrolTime.TotalSeconds.Should().BeApproximately(walk.TruePatrolTime.TotalSeconds, walk.TruePatrolTime.TotalSeconds * 0.01);
        summary.Segments.Should().HaveCount(1);
        summary.FixesDropped.Should().Be(0);
    }

    [Fact]
    public void An_L_shaped_route_is_measured_along_its_legs_not_across_the_corner()
    {
        var walk = new SyntheticWalk(Morning).Begin().Walk(1_500, 0).Walk(0, 1_500);

        var summary = PatrolStatistics.Summarise(walk.Fixes, Rules);

        walk.TrueMetres.Should().Be(3_000);
        summary.DistanceMetres.Should().BeApproximately(3_000, 30);
        summary.PatrolTime.TotalSeconds.Should().BeApproximately(walk.TruePatrolTime.TotalSeconds, walk.TruePatrolTime.TotalSeconds * 0.01);
    }

    [Fact]
    public void A_walk_with_a_gps_jump_and_a_ten_minute_stop_counts_neither_the_jump_nor_the_stop()
    {
        var walk = new SyntheticWalk(Morning).Begin()
            .Walk(1_000, 0)
            .Jump(800, 600)                                            // one fix a kilometre off, then back on the route
            .Walk(500, 0)
            .Stand(TimeSpan.FromMinutes(10), sigma: 4, new Random(7))  // the phone jitters where the member stands
            .Walk(0, 1_500)
            .Jump(-2_000, 0)
            .Walk(400, 0);

        var summary = PatrolStatistics.Summarise(walk.Fixes, Rules);

        walk.TrueMetres.Should().Be(3_400);
        summary.DistanceMetres.Should().BeApproximately(walk.TrueMetres, walk.TrueMetres * 0.01);
        summary.PatrolTime.TotalSeconds.Should().BeApproximately(walk.TruePatrolTime.TotalSeconds, walk.TruePatrolTime.TotalSeconds * 0.01);
        summary.FixesDropped.Should().Be(2, "the two jumps");
        summary.Segments.Should().HaveCount(2, "the stop splits the patrol in two");
    }

    [Fact]
    public void A_phone_that_is_silent_for_ten_minutes_ends_the_segment_and_the_gap_is_not_patrol_time()
    {
        var walk = new SyntheticWalk(Morning).Begin().Walk(1_200, 0).Silent(TimeSpan.FromMinutes(10)).Walk(-1_200, 0);

        var summary = PatrolStatistics.Summarise(walk.Fixes, Rules);

        summary.Segments.Should().HaveCount(2);
        summary.DistanceMetres.Should().BeApproximately(2_400, 24);
        summary.PatrolTime.TotalSeconds.Should().BeApproximately(walk.TruePatrolTime.TotalSeconds, walk.TruePatrolTime.TotalSeconds * 0.01);
    }

    [Fact]
    public void Standing_still_for_an_hour_with_a_jittering_phone_is_neither_distance_nor_patrol_time()
    {
        var walk = new SyntheticWalk(Morning).Begin().Stand(TimeSpan.FromHours(1), sigma: 4, new Random(11));

        var summary = PatrolStatistics.Summarise(walk.Fixes, Rules);

        summary.DistanceMetres.Should().BeLessThan(50, "a few escapes of the radius at most, against ≈ 1,700 m of summed jitter");
        summary.PatrolTime.Should().BeLessThan(TimeSpan.FromMinutes(10));
        SumOfHops(walk.Fixes).Should().BeGreaterThan(1_000, "the raw hops between fixes add up to a long false walk");
    }

    [Fact]
    public void A_short_stop_to_look_at_something_stays_patrol_time()
    {
        var walk = new SyntheticWalk(Morning).Begin().Walk(1_000, 0).Stand(TimeSpan.FromMinutes(3), sigma: 3, new Random(3)).Walk(1_000, 0);

        var summary = PatrolStatistics.Summarise(walk.Fixes, Rules);

        var truth = walk.TruePatrolTime + TimeSpan.FromMinutes(3);
        summary.Segments.Should().HaveCount(1);
        summary.PatrolTime.TotalSeconds.Should().BeApproximately(truth.TotalSeconds, truth.TotalSeconds * 0.01);
        summary.DistanceMetres.Should().BeApproximately(2_000, 20);
    }

    [Fact]
    public void A_ride_faster_than_the_ceiling_is_not_patrol_distance()
    {
        var walk = new SyntheticWalk(Morning).Begin().Walk(1_000, 0).Ride(8_000, 0, metresPerSecond: 60 / 3.6).Walk(1_000, 0);

        var summary = PatrolStatistics.Summarise(walk.Fixes, Rules);

        summary.DistanceMetres.Should().BeApproximately(2_000, 20);
        summary.PatrolTime.TotalSeconds.Should().BeApproximately(walk.TruePatrolTime.TotalSeconds, walk.TruePatrolTime.TotalSeconds * 0.01);
        summary.FixesDropped.Should().BeGreaterThan(20);
    }

    [Fact]
    public void The_parameters_change_the_verdict_a_looser_ceiling_counts_the_ride()
    {
        var walk = new SyntheticWalk(Morning).Begin().Walk(1_000, 0).Ride(3_000, 0, metresPerSecond: 60 / 3.6).Walk(1_000, 0);

        var summary = PatrolStatistics.Summarise(walk.Fixes, Rules with { MaxSpeedKmh = 80 });

        summary.DistanceMetres.Should().BeApproximately(5_000, 50);
        summary.FixesDropped.Should().Be(0);
    }

    [Fact]
    public void Grids_covered_are_the_grids_of_the_kept_fixes_in_the_order_first_walked_into()
    {
        var walk = new SyntheticWalk(Morning).Begin().Walk(1_500, 0).Jump(0, 5_000).Walk(-1_500, 0);
        string Grid(Fix fix)
        {
            var (east, north) = walk.LocalOf(fix);
            return north > 1_000 ? "FAR" : east < 500 ? "A" : east < 1_000 ? "B" : "C";
        }

        var summary = PatrolStatistics.Summarise(walk.Fixes, Rules, Grid);

        summary.GridsCovered.Should().Equal("A", "B", "C");
    }

    [Fact]
    public void No_fixes_or_one_fix_is_no_patrol()
    {
        PatrolStatistics.Summarise([], Rules).Should().BeEquivalentTo(PatrolSummary.Empty);
        var one = PatrolStatistics.Summarise([new Fix(31.9, 120.28, Morning)], Rules);
        one.DistanceMetres.Should().Be(0);
        one.PatrolTime.Should().Be(TimeSpan.Zero);
        one.FixesKept.Should().Be(1);
    }

    [Fact]
    public void The_day_is_cut_at_the_citys_midnight_not_at_utc_midnight()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var day = new DateOnly(2026, 11, 24);

        var (from, to) = PatrolDay.Window(day, zone);

        from.Should().Be(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero));
        to.Should().Be(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero));
        PatrolDay.Of(new DateTimeOffset(2026, 11, 24, 15, 59, 59, TimeSpan.Zero), zone).Should().Be(day);
        PatrolDay.Of(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero), zone).Should().Be(day.AddDays(1));

        // A walk across the city's midnight counts on each day for its own part.
        var walk = new SyntheticWalk(to - TimeSpan.FromMinutes(30)).Begin().Walk(2 * 1.4 * 1_800, 0);
        var before = PatrolStatistics.Summarise(walk.Fixes.Where(f => f.At >= from && f.At < to).ToList(), Rules);
        var after = PatrolStatistics.Summarise(walk.Fixes.Where(f => f.At >= to).ToList(), Rules);
        before.PatrolTime.TotalMinutes.Should().BeApproximately(30, 0.3);
        after.PatrolTime.TotalMinutes.Should().BeApproximately(30, 0.3);
        (before.DistanceMetres + after.DistanceMetres).Should().BeApproximately(walk.TrueMetres, walk.TrueMetres * 0.01);
    }

    [Fact]
    public void A_day_with_a_clock_change_is_as_long_as_the_city_lives_it()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var (from, to) = PatrolDay.Window(new DateOnly(2026, 3, 29), zone);

        (to - from).Should().Be(TimeSpan.FromHours(23));
        from.Should().Be(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero));
    }

    private static double SumOfHops(IReadOnlyList<Fix> fixes) =>
        fixes.Zip(fixes.Skip(1), (a, b) => Grains.Geography.GeoDistance.Metres(a.Lat, a.Lon, b.Lat, b.Lon)).Sum();
}
