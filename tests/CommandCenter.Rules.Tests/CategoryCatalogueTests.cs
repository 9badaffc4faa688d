using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Rules.Tests;

[Trait("Category", "Unit")]
public class CategoryCatalogueTests
{
    private const string Good =
        """{"code":"E0102","kind":"事件","majorCode":"01","majorName":"市容环境","minorCode":"02","name":"暴露垃圾","platform":"LawEnforcement","defaultPriority":"normal","handlingLimit":"4wh"}""";

    private static string Entry(string code = "E0102", string kind = "事件", string major = "01", string minor = "02",
        string platform = "LawEnforcement", string priority = "normal", string limit = "4wh") =>
        $$"""{"code":"{{code}}","kind":"{{kind}}","majorCode":"{{major}}","majorName":"市容环境","minorCode":"{{minor}}","name":"暴露垃圾","platform":"{{platform}}","defaultPriority":"{{priority}}","handlingLimit":"{{limit}}"}""";

    private static CatalogueException Refused(params string[] entries)
    {
        var parse = () => CategoryCatalogue.Parse("[" + string.Join(",", entries) + "]");
        return parse.Should().Throw<CatalogueException>().Which;
    }

    [Fact]
    public void An_entry_becomes_a_category_with_every_field_read()
    {
        var catalogue = CategoryCatalogue.Parse("[" + Good + "]");

        catalogue.All.Should().ContainSingle().Which.Should().Be(new Category(
            "E0102", CategoryKind.Event, "01", "市容环境", "02", "暴露垃圾", Platform.LawEnforcement, Priority.Normal,
            new SlaDuration(TimeSpan.FromHours(4), Working: true)));
    }

    [Fact]
    public void Codes_are_found_in_any_letter_case()
    {
        var catalogue = TestPolicies.Catalogue;

        catalogue.Find("e0102")!.Name.Should().Be("暴露垃圾");
        catalogue.Find("C0101")!.Kind.Should().Be(CategoryKind.Component);
        catalogue.Find("E9999").Should().BeNull();
    }

    [Fact]
    public void An_unknown_kind_is_named_with_its_entry()
    {
        Refused(Good, Entry(code: "E0103", minor: "03", kind: "事"))
            .Message.Should().Contain("[1] (E0103).kind: \"事\" is not 部件 or 事件");
    }

    [Fact]
    public void An_unknown_platform_is_named_with_its_entry()
    {
        Refused(Entry(platform: "Police")).Message.Should().Contain("[0] (E0102).platform: \"Police\"");
    }

    [Fact]
    public void A_platform_must_be_a_name_not_a_number()
    {
        Refused(Entry(platform: "1")).Message.Should().Contain("[0] (E0102).platform");
    }

    [Fact]
    public void An_unknown_priority_is_named_with_its_entry()
    {
        Refused(Entry(priority: "asap")).Message.Should().Contain("[0] (E0102).defaultPriority: \"asap\" is not urgent, high, normal or low");
    }

    [Fact]
    public void A_bad_duration_is_named_with_its_entry()
    {
        Refused(Entry(limit: "4 days")).Message.Should().Contain("[0] (E0102).handlingLimit: \"4 days\" is not a duration; use s, m, h or wh");
    }

    [Fact]
    public void A_duplicate_code_names_both_entries()
    {
        Refused(Good, Entry(code: "C0101", kind: "部件", major: "01", minor: "01"), Good)
            .Message.Should().Contain("[2] (E0102).code: duplicate of entry [0]");
    }

    [Fact]
    public void A_code_must_be_the_kind_letter_then_major_then_minor()
    {
        var problems = Refused(Entry(code: "C0102"), Entry(code: "E0102", major: "02")).Problems;

        problems.Should().Contain(p => p.StartsWith("[0] (C0102).code: \"C0102\" should be \"E0102\""));
        problems.Should().Contain(p => p.StartsWith("[1] (E0102).code: \"E0102\" should be \"E0202\""));
    }

    [Fact]
    public void Major_and_minor_codes_have_two_digits()
    {
        Refused(Entry(code: "E1X02", major: "1X")).Message.Should().Contain("[0] (E1X02).majorCode: \"1X\" is not two digits");
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var entry = Good.Replace("\"name\":\"暴露垃圾\",", "");
        Refused(entry).Message.Should().Contain("[0] (E0102).name: missing");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        Refused(Entry(kind: "x"), Entry(code: "E0103", minor: "03", priority: "asap", limit: "soon"))
            .Problems.Should().HaveCount(3);
    }

    [Fact]
    public void Text_that_is_not_an_array_of_categories_is_refused()
    {
        var parse = () => CategoryCatalogue.Parse("""{"code":"E0102"}""");
        parse.Should().Throw<CatalogueException>().WithMessage("*not a JSON array of categories*");
    }
}
