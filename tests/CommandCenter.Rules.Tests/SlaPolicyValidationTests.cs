using CommandCenter.Grains.Sla;
using static CommandCenter.Rules.Tests.TestPolicies;

namespace CommandCenter.Rules.Tests;

[Trait("Category", "Unit")]
public class SlaPolicyValidationTests
{
    private static SlaPolicyException Refused(string json)
    {
        var parse = () => SlaPolicy.Parse(json, Catalogue);
        return parse.Should().Throw<SlaPolicyException>().Which;
    }

    /// <summary>The test policy with one text replaced; fails the test if the text is not there.</summary>
    private static string With(string original, string replacement)
    {
        PolicyJson.Should().Contain(original);
        return PolicyJson.Replace(original, replacement);
    }

    [Fact]
    public void A_bad_duration_names_its_rule()
    {
        Refused(With("""{ "step": "accept", "limit": "15m" }""", """{ "step": "accept", "limit": "3x" }"""))
            .Message.Should().Contain("limits[4].limit: \"3x\" is not a duration; use s, m, h or wh");
    }

    [Fact]
    public void An_unknown_step_names_its_rule_and_the_steps_there_are()
    {
        Refused(With("""{ "step": "accept", "limit": "15m" }""", """{ "step": "acept", "limit": "15m" }"""))
            .Message.Should().Contain("limits[4].step: \"acept\" is not one of grid, dispatch, accept, handle, verify, evaluate");
    }

    [Fact]
    public void An_unknown_priority_names_its_rule()
    {
        Refused(With("""{ "step": "grid", "priority": "urgent", "limit": "10m" }""", """{ "step": "grid", "priority": "asap", "limit": "10m" }"""))
            .Message.Should().Contain("limits[0].priority: \"asap\" is not urgent, high, normal or low");
    }

    [Fact]
    public void An_unknown_area_names_its_rule()
    {
        Refused(With("""{ "step": "verify", "area": "rural", "limit": "2h" }""", """{ "step": "verify", "area": "suburban", "limit": "2h" }"""))
            .Message.Should().Contain("limits[9].area: \"suburban\" is not urban or rural");
    }

    [Theory]
    [InlineData("E0999")]
    [InlineData("E99")]
    [InlineData("E0")]
    [InlineData("X0102")]
    public void A_category_missing_from_the_catalogue_names_its_rule(string category)
    {
        Refused(With("\"category\": \"E0403\"", $"\"category\": \"{category}\""))
            .Message.Should().Contain($"limits[7].category: \"{category}\" is neither a category code");
    }

    [Fact]
    public void Category_codes_and_prefixes_may_be_written_in_lower_case()
    {
        var policy = SlaPolicy.Parse(With("\"category\": \"E04\"", "\"category\": \"e04\""), Catalogue);
        policy.LimitFor(E0401, Grains.Catalogue.Priority.Urgent, SlaStep.Handle, GridArea.Urban).Should().Be(SlaDuration.Parse("1h"));
    }

    [Fact]
    public void A_missing_limit_names_its_rule()
    {
        Refused(With("""{ "step": "accept", "limit": "15m" }""", """{ "step": "accept" }"""))
            .Message.Should().Contain("limits[4].limit: missing");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("-0.5")]
    public void The_warning_fraction_must_lie_strictly_between_zero_and_one(string fraction)
    {
        Refused(With("\"warnFraction\": 0.8", $"\"warnFraction\": {fraction}"))
            .Message.Should().Contain($"warnFraction: {fraction} must be more than 0 and less than 1");
    }

    [Fact]
    public void The_warning_fraction_defaults_to_eighty_percent()
    {
        SlaPolicy.Parse(With("\"warnFraction\": 0.8,", ""), Catalogue).WarnFraction.Should().Be(0.8);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        Refused(With("Asia/Shanghai", "Mars/Olympus_Mons"))
            .Message.Should().Contain("timeZone: \"Mars/Olympus_Mons\" is not a time zone");
    }

    [Fact]
    public void Overlapping_office_hours_name_both_periods()
    {
        Refused(With("\"from\": \"13:30\"", "\"from\": \"11:30\""))
            .Message.Should().Contain("calendar.officeHours[1]: 11:30–17:30 overlaps calendar.officeHours[0] (08:30–12:00)");
    }

    [Fact]
    public void Reversed_office_hours_name_their_period()
    {
        Refused(With("{ \"from\": \"13:30\", \"to\": \"17:30\" }", "{ \"from\": \"17:30\", \"to\": \"13:30\" }"))
            .Message.Should().Contain("calendar.officeHours[1]: 17:30–13:30 does not end after it starts");
    }

    [Fact]
    public void A_time_of_day_that_cannot_be_read_names_its_field()
    {
        Refused(With("\"from\": \"08:30\"", "\"from\": \"8.30\""))
            .Message.Should().Contain("calendar.officeHours[0].from: \"8.30\" is not a time of day");
    }

    [Fact]
    public void An_unknown_weekday_names_its_entry()
    {
        Refused(With("\"Tuesday\"", "\"Tue\""))
            .Message.Should().Contain("calendar.workingDays[1]: \"Tue\" is not a day of the week");
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("04/06/2026")]
    public void A_date_that_cannot_be_read_names_its_entry(string date)
    {
        Refused(With("\"2026-04-06\"", $"\"{date}\""))
            .Message.Should().Contain($"calendar.holidays[0]: \"{date}\" is not a date");
    }

    [Fact]
    public void A_make_up_day_cannot_also_be_a_holiday_or_already_a_working_day()
    {
        Refused(With("\"2026-03-14\"", "\"2026-04-06\"")).Message
            .Should().Contain("calendar.makeUpWorkdays[0]: 2026-04-06 is also listed as a holiday");
        Refused(With("\"2026-03-14\"", "\"2026-03-16\"")).Message
            .Should().Contain("calendar.makeUpWorkdays[0]: 2026-03-16 is a Monday, already a working day");
    }

    [Fact]
    public void Every_step_needs_a_fallback_rule()
    {
        Refused(With("""{ "step": "verify", "limit": "2h" },""", ""))
            .Message.Should().Contain("limits: step \"verify\" has no fallback rule");
    }

    [Fact]
    public void A_rule_that_repeats_the_conditions_of_an_earlier_one_is_refused()
    {
        Refused(With("""{ "step": "accept", "limit": "15m" }""", """{ "step": "accept", "limit": "15m" }, { "step": "accept", "limit": "20m" }"""))
            .Message.Should().Contain("limits[5]: same step, category, priority and area as limits[4]");
    }

    [Fact]
    public void A_misspelt_field_is_refused_rather_than_ignored()
    {
        Refused(With("""{ "step": "grid", "priority": "urgent", "limit": "10m" }""", """{ "step": "grid", "priorty": "urgent", "limit": "10m" }"""))
            .Message.Should().Contain("priorty");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var json = With("""{ "step": "accept", "limit": "15m" }""", """{ "step": "accept", "limit": "3x" }""")
            .Replace("\"warnFraction\": 0.8", "\"warnFraction\": 2")
            .Replace("\"area\": \"rural\"", "\"area\": \"moon\"");

        Refused(json).Problems.Should().HaveCount(3);
    }

    [Fact]
    public void Text_that_is_not_a_policy_is_refused()
    {
        Refused("[1, 2, 3]").Message.Should().Contain("not a policy document");
    }
}
