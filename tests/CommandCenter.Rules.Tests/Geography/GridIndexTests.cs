using CommandCenter.Tests.Support;

namespace CommandCenter.Rules.Tests.Geography;

[Trait("Category", "Unit")]
public class GridIndexTests
{
    [Fact]
    public void The_centre_of_Xuxiake_lands_on_a_block_whose_town_is_Xuxiake()
    {
        var location = SampleCity.Index.Locate(SampleCity.XuxiakeLat, SampleCity.XuxiakeLon);

        location.Should().NotBeNull();
        location!.Grid.Level.Should().Be(3);
        location.Chain.Select(n => n.Level).Should().Equal(3, 2, 1, 0);
        location.Chain.Single(n => n.Level == 1).Name.Should().Be("徐霞客镇");
        location.Chain[^1].Name.Should().Be("江阴市");
    }

    [Fact]
    public void A_point_in_Shanghai_is_outside_the_city()
    {
        SampleCity.Index.Locate(31.23, 121.47).Should().BeNull();
    }

    [Fact]
    public void Locate_agrees_with_a_brute_force_scan_on_ten_thousand_random_points()
    {
        var index = SampleCity.Index;
        var envelope = index.Hierarchy.Root.Geometry.EnvelopeInternal;
        var random = new Random(20261124);
        var inside = 0;
        for (var i = 0; i < 10_000; i++)
        {
            // Pad the envelope so some points fall outside the city too.
            var lon = envelope.MinX - 0.02 + random.NextDouble() * (envelope.Width + 0.04);
            var lat = envelope.MinY - 0.02 + random.NextDouble() * (envelope.Height + 0.04);

            var fast = index.Locate(lat, lon);
            var scan = index.LocateByScan(lat, lon);

            fast?.Grid.Id.Should().Be(scan?.Grid.Id, $"both must agree at ({lat}, {lon})");
            (fast is null).Should().Be(scan is null, $"both must agree whether ({lat}, {lon}) is inside");
            if (fast is not null) inside++;
        }
        inside.Should().BeInRange(2_000, 9_900, "the sample must exercise both inside and outside points");
    }

    [Fact]
    public void Every_point_inside_the_city_lands_on_a_level_three_block()
    {
        var index = SampleCity.Index;
        var envelope = index.Hierarchy.Root.Geometry.EnvelopeInternal;
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var location = index.Locate(envelope.MinY + random.NextDouble() * envelope.Height, envelope.MinX + random.NextDouble() * envelope.Width);
            location?.Grid.Level.Should().Be(3);
        }
    }
}
