using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;
using static CommandCenter.Rules.Tests.TestPolicies;

namespace CommandCenter.Rules.Tests;

[Trait("Category", "Unit")]
public class SlaLimitTests
{
    [Theory]
    [InlineData(SlaStep.Grid, Priority.Urgent, "10m")]
    [InlineData(SlaStep.Grid, Priority.High, "30m")]
    [InlineData(SlaStep.Dispatch, Priority.Urgent, "10m")]
    [InlineData(SlaStep.Dispatch, Priority.Low, "30m")]
    [InlineData(SlaStep.Accept, Priority.Urgent, "15m")]
    [InlineData(SlaStep.Evaluate, Priority.Normal, "8wh")]
    public void Steps_get_the_limits_of_the_design(SlaStep step, Priority priority, string limit)
    {
        Policy.LimitFor(E0102, priority, step, GridArea.Urban).Should().Be(SlaDuration.Parse(limit));
    }

    [Fact]
    public void A_category_limit_is_the_categorys_own_handling_limit()
    {
        Policy.LimitFor(E0102, Priority.Normal, SlaStep.Handle, GridArea.Urban).Should().Be(SlaDuration.Parse("4wh"));
        Policy.LimitFor(C0101, Priority.High, SlaStep.Handle, GridArea.Rural).Should().Be(SlaDuration.Parse("4h"));
    }

    [Fact]
    public void A_prefix_with_a_priority_beats_the_fallback()
    {
        Policy.LimitFor(E0401, Priority.Urgent, SlaStep.Handle, GridArea.Urban).Should().Be(SlaDuration.Parse("1h"));
    }

    [Fact]
    public void A_prefix_rule_applies_only_to_the_priority_it_names()
    {
        Policy.LimitFor(E0401, Priority.High, SlaStep.Handle, GridArea.Urban).Should().Be(SlaDuration.Parse("2h"));
    }

    [Fact]
    public void An_exact_category_beats_a_prefix_with_a_priority()
    {
        // E0403 matches "E04 + urgent" (2 + 1 points) and "E0403" (4 points).
        Policy.LimitFor(E0403, Priority.Urgent, SlaStep.Handle, GridArea.Urban).Should().Be(SlaDuration.Parse("20m"));
    }

    [Theory]
    [InlineData(GridArea.Urban, Priority.Normal, "1h")]
    [InlineData(GridArea.Rural, Priority.Normal, "2h")]
    [InlineData(GridArea.Urban, Priority.Urgent, "1h")]
    [InlineData(GridArea.Rural, Priority.Urgent, "2h")]
    public void Verification_time_depends_on_the_area_and_the_earlier_of_equal_rules_wins(GridArea area, Priority priority, string limit)
    {
        // The area rules (1 point) come before the urgent rule (1 point), so they win the tie.
        Policy.LimitFor(E0102, priority, SlaStep.Verify, area).Should().Be(SlaDuration.Parse(limit));
    }

    [Fact]
    public void Moving_an_equally_specific_rule_earlier_makes_it_win()
    {
        var json = PolicyJson.Replace(
            """{ "step": "verify", "priority": "urgent", "limit": "45m" },""", "")
            .Replace("""{ "step": "verify", "area": "urban", "limit": "1h" },""",
                """{ "step": "verify", "priority": "urgent", "limit": "45m" }, { "step": "verify", "area": "urban", "limit": "1h" },""");
        var policy = SlaPolicy.Parse(json, Catalogue);

        policy.LimitFor(E0102, Priority.Urgent, SlaStep.Verify, GridArea.Urban).Should().Be(SlaDuration.Parse("45m"));
        policy.LimitFor(E0102, Priority.Normal, SlaStep.Verify, GridArea.Urban).Should().Be(SlaDuration.Parse("1h"));
    }

    [Fact]
    public void A_rule_with_a_priority_and_an_area_beats_one_with_either()
    {
        var json = PolicyJson.Replace("""{ "step": "verify", "limit": "2h" },""",
            """{ "step": "verify", "limit": "2h" }, { "step": "verify", "priority": "urgent", "area": "rural", "limit": "90m" },""");
        var policy = SlaPolicy.Parse(json, Catalogue);

        policy.LimitFor(E0102, Priority.Urgent, SlaStep.Verify, GridArea.Rural).Should().Be(SlaDuration.Parse("90m"));
    }

    [Fact]
    public void The_policy_lists_its_rules_in_file_order()
    {
        Policy.Rules.Should().HaveCount(13);
        Policy.Rules[6].Should().Be(new SlaRule(SlaStep.Handle, "E04", Priority.Urgent, null, SlaDuration.Parse("1h")));
        Policy.Rules[6].Specificity.Should().Be(3);
        Policy.Rules[5].Limit.Should().BeNull("\"category\" means the category's own limit");
    }
}
