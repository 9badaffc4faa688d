using CommandCenter.Grains.Setup;
using static CommandCenter.Rules.Tests.Jiangyin;

namespace CommandCenter.Rules.Tests;

[Trait("Category", "Unit")]
public class CitySettingsTests
{
    [Fact]
    public void The_sample_city_file_gives_the_case_prefix()
    {
        CitySettings.Load(SampleFile("city.json")).CasePrefix.Should().Be("JY");
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{ "casePrefix": "" }""")]
    [InlineData("""{ "casePrefix": "J Y" }""")]
    [InlineData("""{ "casePrefix": "江阴" }""")]
    [InlineData("""{ "casePrefix": "TOOLONGPREFIX" }""")]
    public void A_city_file_without_a_usable_case_prefix_is_refused_naming_the_field(string json)
    {
        var reading = () => CitySettings.Read(json, "city.json");

        reading.Should().Throw<InvalidDataException>().WithMessage("city.json: casePrefix*");
    }

    [Fact]
    public void An_unknown_field_is_refused_rather_than_ignored()
    {
        var reading = () => CitySettings.Read("""{ "casePrefix": "JY", "timezone": "UTC" }""", "city.json");

        reading.Should().Throw<InvalidDataException>().WithMessage("city.json: not a city file*timezone*");
    }
}
