using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Kpis;

/// <summary>GET /api/kpis/activity: the reports of a window by category, channel and hour, the backlog by grid, the heat map's positions.</summary>
[Trait("Category", "InProcess")]
public class KpiActivityApiTests(FakeClockCenter center) : IClassFixture<FakeClockCenter>
{
    private static string Window => $"from={Instants.Query(DateTimeOffset.UtcNow.AddHours(-1))}&to={Instants.Query(DateTimeOffset.UtcNow.AddHours(1))}";

    [Fact]
    public async Task The_windows_reports_are_counted_by_category_channel_and_hour_and_the_open_ones_are_in_the_backlog()
    {
        var loop = await Loop.For(center);
        await loop.Filed("M00024");
        var open = await loop.Report("still open");
        var supervisor = await center.ClientFor("supervisor1");

        var activity = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis/activity?{Window}");
        var reports = activity.GetProperty("reports").GetInt32();
        reports.Should().BeGreaterThanOrEqualTo(2);
        activity.GetProperty("byCategory").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()).Should().Be(reports);
        activity.GetProperty("byCategory").EnumerateArray().Should().Contain(c => c.GetProperty("key").GetString() == "E0102" && c.GetProperty("name").GetString()!.Length > 0);
        activity.GetProperty("byChannel").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "hotline").GetProperty("count").GetInt32().Should().Be(reports);
        activity.GetProperty("byHour").EnumerateArray().Sum(h => h.GetInt32()).Should().Be(reports);
        activity.GetProperty("byHour").GetArrayLength().Should().Be(24);
        activity.GetProperty("points").GetArrayLength().Should().Be(reports, "every report of the loop has a position");

        // The open case stands in its town's backlog at the day's end; the closed one does not.
        var incident = await supervisor.GetFromJsonAsync<JsonElement>($"/api/incidents/{open}");
        var town = incident.GetProperty("gridChain").EnumerateArray().Select(g => g.GetString()).Reverse().Skip(1).First();
        activity.GetProperty("backlog").EnumerateArray().Where(b => b.GetProperty("grid").GetString() == town)
            .Should().OnlyContain(b => b.GetProperty("open").GetInt32() >= 1).And.NotBeEmpty();
        // This center holds the two cases of this test only: at the window's last day's end one stands open, the filed one not.
        var backlog = activity.GetProperty("backlog").EnumerateArray().ToList();
        var lastDay = backlog.Max(b => b.GetProperty("day").GetString());
        backlog.Where(b => b.GetProperty("day").GetString() == lastDay).Sum(b => b.GetProperty("open").GetInt32()).Should().Be(1);
    }
}
