using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Kpis;

/// <summary>月通报, 季考评, 年考核: the KPI report of a calendar period, ranked by 综合指标值 with grades, and its CSV.</summary>
[Trait("Category", "InProcess")]
public class AssessmentApiTests(FakeClockCenter center) : IClassFixture<FakeClockCenter>
{
    private static string ThisMonth => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
        .ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_months_assessment_ranks_the_towns_by_composite_as_the_kpi_report_scores_them()
    {
        var loop = await Loop.For(center);
        await loop.Filed("M00024", satisfaction: 5);
        await loop.Filed("M00020", satisfaction: 1);
        var supervisor = await center.ClientFor("supervisor1");

        var assessment = await supervisor.GetFromJsonAsync<JsonElement>($"/api/assessments?period={ThisMonth}");
        assessment.GetProperty("name").GetString().Should().Be("月通报");
        assessment.GetProperty("kind").GetString().Should().Be("month");
        var rows = assessment.GetProperty("rows").EnumerateArray().ToList();
        rows.Should().NotBeEmpty();
        // Ranked: the rank never falls as the list goes on, and the composite never rises.
        rows.Select(r => r.GetProperty("rank").GetInt32()).Should().BeInAscendingOrder();
        rows.Select(r => r.GetProperty("composite").GetDouble()).Should().BeInDescendingOrder();
        rows.Should().OnlyContain(r => r.GetProperty("name").GetString()!.Length > 0 && r.GetProperty("gradeName").GetString()!.Length > 0);

        // The same figures as the KPI report of the same window.
        var from = assessment.GetProperty("from").GetDateTimeOffset();
        var to = assessment.GetProperty("to").GetDateTimeOffset();
        var report = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?from={Instants.Query(from)}&to={Instants.Query(to)}");
        foreach (var row in rows)
        {
            var same = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == row.GetProperty("key").GetString());
            row.GetProperty("composite").GetDouble().Should().Be(same.GetProperty("composite").GetDouble());
            row.GetProperty("rank").GetInt32().Should().Be(same.GetProperty("rank").GetInt32());
        }

        var byMember = await supervisor.GetFromJsonAsync<JsonElement>($"/api/assessments?period={ThisMonth}&by=member");
        byMember.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()).Should().Contain(["M00024", "M00020"]);
        var worker = byMember.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "M00024");
        worker.GetProperty("name").GetString().Should().NotBe("M00024", "a member's row carries its name");

        var csv = Encoding.UTF8.GetString(await supervisor.GetByteArrayAsync($"/api/assessments/export?period={ThisMonth}&by=member&format=csv")).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("名次 rank,成员 member,名称 name,综合指标值 composite").And.Contain("按期处置率 handledOnTime");
        lines.Length.Should().Be(byMember.GetProperty("rows").GetArrayLength() + 1);

        // The workbook (the default) holds the same rows, read back cell by cell.
        var sheet = CommandCenter.Tests.Exports.CaseExportTests.XlsxRows(await supervisor.GetByteArrayAsync($"/api/assessments/export?period={ThisMonth}&by=member"));
        sheet[0].Take(4).Should().Equal("名次 rank", "成员 member", "名称 name", "综合指标值 composite");
        sheet.Skip(1).Select(r => r[1]).Should().Equal(byMember.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        var format = await supervisor.GetAsync($"/api/assessments/export?period={ThisMonth}&format=pdf");
        format.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("period=2026-13", "period")]
    [InlineData("period=2026-Q4&by=team", "by")]
    [InlineData("period=2026&scope=JY99", "scope")]
    public async Task A_bad_assessment_query_names_the_field(string query, string field)
    {
        var supervisor = await center.ClientFor("supervisor1");
        var response = await supervisor.GetAsync($"/api/assessments?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_quarter_and_a_year_are_assessed_over_their_whole_window()
    {
        var supervisor = await center.ClientFor("supervisor1");
        var quarter = await supervisor.GetFromJsonAsync<JsonElement>("/api/assessments?period=2026-Q4");
        quarter.GetProperty("name").GetString().Should().Be("季考评");
        quarter.GetProperty("words").GetString().Should().Be("2026年第四季度");
        (quarter.GetProperty("to").GetDateTimeOffset() - quarter.GetProperty("from").GetDateTimeOffset()).Should().Be(TimeSpan.FromDays(92));
        var year = await supervisor.GetFromJsonAsync<JsonElement>("/api/assessments?period=2026");
        year.GetProperty("name").GetString().Should().Be("年考核");
        (year.GetProperty("to").GetDateTimeOffset() - year.GetProperty("from").GetDateTimeOffset()).Should().Be(TimeSpan.FromDays(365));
    }
}
