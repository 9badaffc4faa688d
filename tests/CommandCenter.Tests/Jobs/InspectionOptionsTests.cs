using CommandCenter.Inspections;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.Tests.Jobs;

/// <summary>The inspection settings: defaults, a town's own quota, and a bad value that stops the start with its name.</summary>
[Trait("Category", "Unit")]
public class InspectionOptionsTests
{
    private static InspectionOptions Read(Dictionary<string, string?> settings) =>
        InspectionOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void The_defaults_are_three_a_month_one_a_run_and_rework()
    {
        var options = Read([]);

        options.PerTownPerMonth.Should().Be(3);
        options.PerTownPerRun.Should().Be(1);
        options.OnFailure.Should().Be("rework");
    }

    [Fact]
    public void A_town_may_have_its_own_quota()
    {
        Read(new() { ["Inspections:PerTown:JY01"] = "1", ["Inspections:OnFailure"] = "new-case" }).PerTown.Should().Contain("JY01", 1);
    }

    [Theory]
    [InlineData("Inspections:OnFailure", "reopen")]
    [InlineData("Inspections:PerTownPerMonth", "-1")]
    [InlineData("Inspections:PerTownPerRun", "0")]
    [InlineData("Inspections:PerTown:JY01", "-2")]
    public void A_bad_value_stops_the_start_naming_the_setting(string key, string value)
    {
        var reading = () => Read(new() { [key] = value });

        reading.Should().Throw<InvalidOperationException>().WithMessage($"*{key}*");
    }
}
