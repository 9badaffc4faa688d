using CommandCenter.Tests.Support;
using CsCheck;

namespace CommandCenter.Rules.Tests.Properties;

[Trait("Category", "Unit")]
public class LocateProperties
{
    [Fact]
    public void Random_points_agree_with_a_brute_force_scan()
    {
        var index = SampleCity.Index;
        var e = index.Hierarchy.Root.Geometry.EnvelopeInternal;
        Gen.Select(Gen.Double[e.MinY - 0.05, e.MaxY + 0.05], Gen.Double[e.MinX - 0.05, e.MaxX + 0.05]).Sample(p =>
        {
            var (lat, lon) = p;
            index.Locate(lat, lon)?.Grid.Id.Should().Be(index.LocateByScan(lat, lon)?.Grid.Id);
            (index.Locate(lat, lon) is null).Should().Be(index.LocateByScan(lat, lon) is null);
        }, iter: 2_000);
    }
}
