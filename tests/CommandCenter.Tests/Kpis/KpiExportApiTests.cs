using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Tests.Exports;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Kpis;

/// <summary>GET /api/kpis/export: the screen's KPI report as a ranking table, the same rows in XLSX and CSV as the API ranks them.</summary>
[Trait("Category", "InProcess")]
public class KpiExportApiTests(FakeClockCenter center) : IClassFixture<FakeClockCenter>
{
    private static string Window => $"from={Instants.Query(DateTimeOffset.UtcNow.AddHours(-1))}&to={Instants.Query(DateTimeOffset.UtcNow.AddHours(1))}";

    [Fact]
    public async Task The_ranking_downloads_as_the_report_ranks_it_with_the_total_last()
    {
        var loop = await Loop.For(center);
        await loop.Filed("M00024", satisfaction: 5);
        await loop.Filed("M00020", satisfaction: 1);
        var supervisor = await center.ClientFor("supervisor1");
        var report = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{Window}&by=member");
        var ranked = report.GetProperty("rows").EnumerateArray().OrderBy(r => r.GetProperty("rank").GetInt32()).Select(r => r.GetProperty("key").GetString()).ToList();

        var workbook = CaseExportTests.XlsxRows(await supervisor.GetByteArrayAsync($"/api/kpis/export?{Window}&by=member"));
        workbook[0].Take(3).Should().Equal("名次 rank", "成员 member", "名称 name");
        workbook.Skip(1).SkipLast(1).Select(r => r[1]).Should().Equal(ranked);
        workbook[^1][2].Should().Be("合计 Total");

        var csv = Encoding.UTF8.GetString(await supervisor.GetByteArrayAsync($"/api/kpis/export?{Window}&by=member&format=csv")).TrimStart('\uFEFF');
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(ranked.Count + 2, "the header, a row per member, the total");
        (await supervisor.GetAsync($"/api/kpis/export?{Window}&format=pdf")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
