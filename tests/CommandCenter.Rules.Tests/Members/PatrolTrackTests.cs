using CommandCenter.Grains.Members;

namespace CommandCenter.Rules.Tests.Members;

[Trait("Category", "Unit")]
public class PatrolTrackTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_window_with_too_many_points_is_thinned_evenly_not_cut_so_the_whole_route_stays()
    {
        var fixes = Enumerable.Range(0, 12_001).Select(i => new Fix(31.9, 120.28 + i * 1e-6, Start.AddSeconds(i * 7))).ToList();

        var drawn = PatrolTrack.Thin(fixes, 4_000);

        drawn.Should().HaveCount(4_000);
        drawn[0].Should().Be(fixes[0]);
        drawn[^1].Should().Be(fixes[^1]);
        drawn.Should().BeInAscendingOrder(f => f.At);
        // Evenly: no gap between drawn points is more than twice the average.
        var gaps = drawn.Zip(drawn.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToList();
        gaps.Max().Should().BeLessThanOrEqualTo(2 * gaps.Average());
    }

    [Fact]
    public void A_window_that_fits_is_drawn_whole()
    {
        var fixes = Enumerable.Range(0, 100).Select(i => new Fix(31.9, 120.28, Start.AddSeconds(i))).ToList();
        PatrolTrack.Thin(fixes, 4_000).Should().Equal(fixes);
    }
}
