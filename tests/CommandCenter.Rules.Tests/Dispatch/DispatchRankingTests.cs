using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Dispatch;
using CommandCenter.Grains.Members;

namespace CommandCenter.Rules.Tests.Dispatch;

[Trait("Category", "Unit")]
public class DispatchRankingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly string[] Chain = ["JY10-01-01", "JY10-01", "JY10", "JY"];
    private const double Lat = 31.75, Lon = 120.34;

    private static MemberSnapshot Member(string id, string grid, DutyState duty = DutyState.On, double metresNorth = 100, double minutesOld = 1,
        MemberRole role = MemberRole.GridWorker) =>
        new(new MemberProfile(id, id, role, grid, Employment.FullTime, null), duty,
            new Fix(Lat + metresNorth / 111_195, Lon, Now.AddMinutes(-minutesOld)), null);

    [Fact]
    public void Off_duty_and_stale_or_unknown_positions_are_excluded_with_the_reason()
    {
        var members = new[]
        {
            (Member("M1", "JY10-01-01", DutyState.Off), 0),
            (Member("M2", "JY10-01-01", minutesOld: 31), 0),
            (Member("M3", "JY10-01-01") with { LastLocation = null }, 0),
            (Member("M4", "JY01-01-01"), 0),
            (Member("M5", "JY10-01-01"), 0),
        };

        var ranking = DispatchRanking.Rank(Chain, Platform.LawEnforcement, Lat, Lon, members, Now);

        ranking.Candidates.Select(c => c.Member.Profile.Id).Should().Equal("M5");
        ranking.Excluded.Select(e => (e.Member.Profile.Id, e.Reason)).Should().BeEquivalentTo(new[]
        {
            ("M1", "Off duty."),
            ("M2", "Position is 31 min old (older than 30 min)."),
            ("M3", "No known position."),
            ("M4", "Home grid is not on the incident's grid chain."),
        });
    }

    [Fact]
    public void The_nearer_member_ranks_first_and_so_does_the_less_loaded()
    {
        var near = Member("NEAR", "JY10-01-01", metresNorth: 200);
        var far = Member("FAR", "JY10-01-01", metresNorth: 2_000);
        var loaded = Member("LOADED", "JY10-01-01", metresNorth: 200);

        var ranking = DispatchRanking.Rank(Chain, Platform.LawEnforcement, Lat, Lon, [(far, 0), (loaded, 3), (near, 0)], Now);

        ranking.Candidates.Select(c => c.Member.Profile.Id).Should().Equal("NEAR", "FAR", "LOADED");
        ranking.Candidates[0].Reasons.Should().Contain(r => r.Contains("own grid")).And.Contain(r => r.Contains("200 m away"));
        ranking.Candidates[2].Reasons.Should().Contain("-24 3 open incident(s) already");
    }

    [Fact]
    public void The_own_grid_outranks_the_grids_above_it()
    {
        var own = Member("OWN", "JY10-01-01", metresNorth: 500);
        var parent = Member("PARENT", "JY10-01", role: MemberRole.GridLeader, metresNorth: 500);
        var town = Member("TOWN", "JY10", role: MemberRole.Patroller, metresNorth: 500);

        var ranking = DispatchRanking.Rank(Chain, Platform.LawEnforcement, Lat, Lon, [(town, 0), (parent, 0), (own, 0)], Now);

        ranking.Candidates.Select(c => c.Member.Profile.Id).Should().Equal("OWN", "PARENT", "TOWN");
        ranking.Candidates.Should().OnlyContain(c => c.Reasons.Count >= 2);
    }

    [Fact]
    public void A_busy_member_ranks_below_an_idle_one_at_the_same_place()
    {
        var busy = Member("BUSY", "JY10-01-01", DutyState.Busy);
        var idle = Member("IDLE", "JY10-01-01");

        var ranking = DispatchRanking.Rank(Chain, Platform.PublicSafety, Lat, Lon, [(busy, 0), (idle, 0)], Now);

        ranking.Candidates.Select(c => c.Member.Profile.Id).Should().Equal("IDLE", "BUSY");
        ranking.Candidates[1].Reasons.Should().Contain(r => r.Contains("busy"));
    }
}
