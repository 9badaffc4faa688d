using CommandCenter.Grains.Kpis;
using CommandCenter.Kpis;
using Microsoft.Extensions.Configuration;

namespace CommandCenter.Tests.Kpis;

/// <summary>Kpis:Weights and Kpis:Grades from configuration: the defaults, a value set, and a bad value named (it stops the start).</summary>
[Trait("Category", "Unit")]
public class KpiScoringSettingsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Nothing_set_gives_the_defaults_and_a_value_set_replaces_its_default()
    {
        KpiScoringSettings.Read(Settings()).Should().Be(KpiScoring.Default);
        var set = KpiScoringSettings.Read(Settings(("Kpis:Weights:Closure", "30"), ("Kpis:Grades:Excellent", "95")));
        (set.Weights.Closure, set.Weights.Satisfaction, set.Grades.Excellent, set.Grades.Good).Should().Be((30.0, 15.0, 95.0, 80.0));
    }

    [Theory]
    [InlineData("Kpis:Weights:Handled", "-3", "Kpis:Weights:Handled")]
    [InlineData("Kpis:Weights:Handled", "many", "Kpis:Weights:Handled")]
    [InlineData("Kpis:Grades:Pass", "120", "Kpis:Grades:Pass")]
    [InlineData("Kpis:Grades:Good", "95", "Excellent (90) ≥ Good (95)")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value, string named)
    {
        var read = () => KpiScoringSettings.Read(Settings((key, value)));
        read.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain(named);
    }
}
