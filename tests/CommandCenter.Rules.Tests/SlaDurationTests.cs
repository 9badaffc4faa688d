using CommandCenter.Grains.Sla;

namespace CommandCenter.Rules.Tests;

[Trait("Category", "Unit")]
public class SlaDurationTests
{
    [Theory]
    [InlineData("45s", 0, 0, 45, false)]
    [InlineData("30m", 0, 30, 0, false)]
    [InlineData("1.5h", 1, 30, 0, false)]
    [InlineData("8wh", 8, 0, 0, true)]
    [InlineData("0.5wh", 0, 30, 0, true)]
    [InlineData(" 2h ", 2, 0, 0, false)]
    public void Durations_are_read_as_clock_or_working_time(string text, int hours, int minutes, int seconds, bool working)
    {
        SlaDuration.Parse(text).Should().Be(new SlaDuration(new TimeSpan(hours, minutes, seconds), working));
    }

    [Theory]
    [InlineData("45s")]
    [InlineData("30m")]
    [InlineData("1.5h")]
    [InlineData("2h")]
    [InlineData("8wh")]
    [InlineData("0.5wh")]
    [InlineData("20s")]
    [InlineData("10m")]
    public void A_duration_is_written_back_the_way_it_was_read(string text)
    {
        SlaDuration.Parse(text).ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("90m", "1.5h")]
    [InlineData("60s", "1m")]
    [InlineData("120m", "2h")]
    [InlineData("1.1h", "66m")]
    public void Other_spellings_are_written_in_the_shortest_form_that_reads_back_the_same(string text, string written)
    {
        var duration = SlaDuration.Parse(text);
        duration.ToString().Should().Be(written);
        SlaDuration.Parse(written).Should().Be(duration);
    }

    [Theory]
    [InlineData("3x")]
    [InlineData("h")]
    [InlineData("")]
    [InlineData("-1h")]
    [InlineData("1,5h")]
    [InlineData("8 wh")]
    [InlineData("1d")]
    public void Text_that_is_not_a_duration_is_refused_with_the_units_to_use(string text)
    {
        var parse = () => SlaDuration.Parse(text);
        parse.Should().Throw<FormatException>().WithMessage($"\"{text}\" is not a duration; use s, m, h or wh*");
        SlaDuration.TryParse(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("0h")]
    [InlineData("0s")]
    [InlineData("9000h")]
    public void A_limit_must_be_positive_and_below_a_year(string text)
    {
        var parse = () => SlaDuration.Parse(text);
        parse.Should().Throw<FormatException>().WithMessage("*more than 0*");
    }

    [Fact]
    public void Null_is_not_a_duration()
    {
        SlaDuration.TryParse(null, out _).Should().BeFalse();
    }
}
