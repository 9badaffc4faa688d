using CommandCenter.Grains.Members;

namespace CommandCenter.Rules.Tests.Members;

[Trait("Category", "Unit")]
public class PingCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Good_pings_are_kept_and_bad_ones_refused_each_with_a_reason()
    {
        Fix[] batch =
        [
            new(31.90, 120.28, Now.AddMinutes(-3)),
            new(91.00, 120.28, Now.AddMinutes(-2)),             // latitude out of range
            new(31.901, 120.281, Now.AddMinutes(-1)),            // ~140 m in 2 min: walking pace
            new(31.902, 120.282, Now.AddMinutes(10)),            // in the future
            new(31.50, 120.80, Now.AddSeconds(-30)),             // ~60 km in 30 s: a teleport
        ];

        var (kept, report) = PingCheck.Check(batch, last: null, Now);

        kept.Should().HaveCount(2);
        report.Kept.Should().Equal(0, 2);
        report.Refused.Select(r => r.Index).Should().Equal(1, 3, 4);
        report.Refused[0].Reason.Should().Contain("out of range");
        report.Refused[1].Reason.Should().Contain("future");
        report.Refused[2].Reason.Should().Contain("km/h");
        report.LastLocation.Should().Be(batch[2]);
    }

    [Fact]
    public void A_ping_older_than_the_last_kept_position_is_refused()
    {
        var last = new Fix(31.9, 120.28, Now.AddMinutes(-1));

        var (kept, report) = PingCheck.Check([new Fix(31.9, 120.28, Now.AddMinutes(-2))], last, Now);

        kept.Should().BeEmpty();
        report.Refused.Single().Reason.Should().Contain("not after the last kept position");
        report.LastLocation.Should().Be(last);
    }

    [Fact]
    public void Pings_sent_out_of_order_in_one_batch_are_taken_in_time_order()
    {
        Fix[] batch = [new(31.9010, 120.28, Now.AddMinutes(-1)), new(31.9000, 120.28, Now.AddMinutes(-2))];

        var (kept, report) = PingCheck.Check(batch, null, Now);

        kept.Should().Equal(batch[1], batch[0]);
        report.LastLocation.Should().Be(batch[0]);
    }

    [Fact]
    public void A_car_at_city_speed_is_believed()
    {
        var last = new Fix(31.9, 120.28, Now.AddSeconds(-60));
        // ~1.1 km in a minute: 67 km/h
        var (kept, _) = PingCheck.Check([new Fix(31.91, 120.28, Now)], last, Now);

        kept.Should().HaveCount(1);
    }
}
