using CommandCenter.Grains.Members;

namespace CommandCenter.Tests.Members;

public class PatrolTrackTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_day_is_thinned_not_cut_so_the_whole_route_stays()
    {
        var track = new PatrolTrack();
        var fixes = Enumerable.Range(0, PatrolTrack.MaxPointsPerDay * 3).Select(i => new Fix(31.9, 120.28, Start.AddSeconds(i * 7))).ToList();

        track.Add(fixes);

        var day = track.Between(Start, Start.AddDays(1)).ToList();
        day.Count.Should().BeLessThanOrEqualTo(PatrolTrack.MaxPointsPerDay);
        day[0].At.Should().Be(fixes[0].At);
        day[^1].At.Should().Be(fixes[^1].At);
    }

    [Fact]
    public void Only_the_last_week_is_kept()
    {
        var track = new PatrolTrack();
        for (var d = 0; d < 10; d++) track.Add([new Fix(31.9, 120.28, Start.AddDays(d).AddHours(9))]);

        track.Between(Start, Start.AddDays(11)).Select(f => f.At.Day).Should().Equal(Enumerable.Range(0, 10).Skip(3).Select(d => Start.AddDays(d).Day));
    }
}
