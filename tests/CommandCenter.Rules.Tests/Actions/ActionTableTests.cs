using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Incidents;

namespace CommandCenter.Rules.Tests.Actions;

/// <summary>The action table is whole: every action once, each with its words, and every person action with stages and roles.</summary>
[Trait("Category", "Unit")]
public class ActionTableTests
{
    [Fact]
    public void The_table_declares_every_incident_action_once()
    {
        IncidentActions.All.Select(r => r.Action).Should().BeEquivalentTo(Enum.GetValues<IncidentAction>(), o => o.WithoutStrictOrdering());
        IncidentActions.All.Select(r => r.Action).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Every_action_has_its_api_word_and_its_chinese_and_english_words()
    {
        IncidentActions.All.Should().OnlyContain(r => r.Word.Length > 0 && r.Chinese.Length > 0 && r.English.Length > 0 && r.Produces.Count > 0);
        IncidentActions.All.Select(r => r.Word).Should().OnlyHaveUniqueItems();
        foreach (var rule in IncidentActions.All) IncidentActionWords.Parse(rule.Word).Should().Be(rule.Action);
    }

    [Fact]
    public void Every_person_action_names_its_stages_and_roles_and_an_admin_may_take_it()
    {
        foreach (var rule in IncidentActions.All.Where(r => r.Kind != ActionKind.System))
        {
            rule.Roles.Should().Contain(Roles.Admin, rule.Word);
            rule.Roles.Should().OnlyContain(r => Roles.All.Contains(r), rule.Word);
            if (rule.Kind == ActionKind.Person) rule.Stages.Should().NotBeEmpty(rule.Word);
        }
        IncidentActions.All.Where(r => r.Kind == ActionKind.System).Should().OnlyContain(r => r.Roles.Count == 0 && r.Stages.Count == 0);
    }

    [Fact]
    public void Every_field_says_what_to_give_and_in_both_languages()
    {
        foreach (var field in IncidentActions.All.SelectMany(r => r.Fields))
        {
            field.Prompt.Should().NotBeNullOrWhiteSpace(field.Name);
            field.Chinese.Should().NotBeNullOrWhiteSpace(field.Name);
            field.English.Should().NotBeNullOrWhiteSpace(field.Name);
        }
    }
}
