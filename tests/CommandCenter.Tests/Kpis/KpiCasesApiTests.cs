using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Kpis;

/// <summary>A click on a KPI figure lists exactly the cases behind it: the figure's denominator, and its numerator with met=true.</summary>
[Trait("Category", "InProcess")]
public class KpiCasesApiTests(FakeClockCenter center) : IClassFixture<FakeClockCenter>
{
    private static string Window => $"from={Instants.Query(DateTimeOffset.UtcNow.AddHours(-1))}&to={Instants.Query(DateTimeOffset.UtcNow.AddHours(1))}";

    [Fact]
    public async Task The_cases_behind_a_figure_are_its_denominator_and_the_met_ones_its_numerator()
    {
        var loop = await Loop.For(center);
        var first = await loop.Filed("M00024", satisfaction: 5);
        var second = await loop.Filed("M00024", satisfaction: 2);
        var supervisor = await center.ClientFor("supervisor1");
        var report = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{Window}&by=member");
        var figure = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "M00024")
            .GetProperty("kpis").GetProperty("satisfaction");

        var behind = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis/cases?{Window}&by=member&key=M00024&kpi=satisfaction");
        behind.GetProperty("total").GetInt32().Should().Be(figure.GetProperty("denominator").GetInt32());
        behind.GetProperty("met").GetInt32().Should().Be(figure.GetProperty("numerator").GetInt32());
        behind.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("incidentId").GetString()).Should().Contain([first, second]);

        // 满意 (4 or 5) met, 2 not: each list has its case.
        var met = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis/cases?{Window}&by=member&key=M00024&kpi=satisfaction&met=true");
        met.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("incidentId").GetString()).Should().Contain(first).And.NotContain(second);
        var missed = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis/cases?{Window}&by=member&key=M00024&kpi=satisfaction&met=false");
        missed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("incidentId").GetString()).Should().Contain(second).And.NotContain(first);

        // The total's figure: the whole scope.
        var total = report.GetProperty("total").GetProperty("handledOnTime");
        var all = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis/cases?{Window}&kpi=handledOnTime");
        all.GetProperty("total").GetInt32().Should().Be(total.GetProperty("denominator").GetInt32());
        all.GetProperty("met").GetInt32().Should().Be(total.GetProperty("numerator").GetInt32());

        // A count's figure is the number of its cases: 立案数 the located ones, 超期处置数 the late results only.
        foreach (var count in new[] { "filed", "handledLate" })
        {
            var cases = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis/cases?{Window}&kpi={count}");
            cases.GetProperty("total").GetInt32().Should().Be(report.GetProperty("total").GetProperty(count).GetInt32(), count);
            cases.GetProperty("items").GetArrayLength().Should().Be(cases.GetProperty("total").GetInt32());
        }
    }

    [Fact]
    public async Task An_unknown_indicator_is_refused_naming_kpi()
    {
        var supervisor = await center.ClientFor("supervisor1");
        var response = await supervisor.GetAsync($"/api/kpis/cases?{Window}&kpi=happiness");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("kpi")[0].GetString().Should().Contain("handledOnTime");
    }
}
