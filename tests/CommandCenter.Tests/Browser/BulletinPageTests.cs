using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// The month's 通报 as a supervisor reads and prints it: the page shows the server's ranking (names, composites, grades,
/// ranks in order) on an A4 sheet, and downloads it as a file the test reads back.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class BulletinPageTests(WallFixture wall)
{
    [Fact]
    public async Task A_supervisor_reads_the_months_bulletin_as_the_server_ranks_it_and_downloads_it()
    {
        // A known piece of the month: a case of 澄江街道 through the whole loop.
        var at = wall.NextPoint("JY01");
        var id = await wall.Report(at, "E0102", "normal", "通报测试：暴露垃圾");
        var worker = await WorkerOf(at.Block.Id);
        await wall.Dispatch(id, worker);
        var phone = await wall.Center.ClientFor(worker);
        (await phone.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();
        (await phone.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "已清理" })).EnsureSuccessStatusCode();
        var supervisorApi = await wall.Center.ClientFor("supervisor1");
        (await supervisorApi.PostAsJsonAsync($"/api/incidents/{id}/actions/verify", new { passed = true })).EnsureSuccessStatusCode();
        (await wall.Operator.PostAsJsonAsync($"/api/incidents/{id}/actions/evaluate", new { satisfaction = 5 })).EnsureSuccessStatusCode();

        var zone = (await supervisorApi.GetFromJsonAsync<JsonElement>("/api/city")).GetProperty("timeZone").GetString()!;
        var month = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var expected = await supervisorApi.GetFromJsonAsync<JsonElement>($"/api/assessments?period={month}");

        var page = await wall.NewPage(1400, 1000);
        await page.GotoAsync(new Uri(wall.Center.Address, $"/bulletin?period={month}").ToString());
        await WallFixture.SignIn(page, "supervisor1", CenterFactory.DemoPassword);
        var sheet = page.Locator($".bulletin-sheet[data-state=ready][data-period='{month}']");
        await sheet.WaitForAsync(new() { Timeout = 30_000 });
        (await sheet.Locator("h1").InnerTextAsync()).Should().EndWith("网格化管理月通报");

        var rows = sheet.Locator(".bulletin-ranking tbody tr");
        var shown = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key + '|' + r.dataset.rank + '|' + r.children[2].textContent)");
        var fromServer = expected.GetProperty("rows").EnumerateArray()
            .Select(r => $"{r.GetProperty("key").GetString()}|{Text(r.GetProperty("rank"))}|{Composite(r.GetProperty("composite"))}")
            .ToArray();
        shown.Should().Equal(fromServer, "the sheet lists the server's ranking in its order");
        shown.Should().Contain(s => s.StartsWith("JY01|"), "the town with the month's case is ranked");
        await WallFixture.Screenshot(page, "bulletin-month-1400x1000.png");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("button.bulletin-csv").ClickAsync());
        var path = await download.PathAsync();
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path!)).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(fromServer.Length + 1);
        lines.Skip(1).Should().Contain(l => l.Contains("JY01") && l.Contains("澄江街道"));
        await page.Context.CloseAsync();
    }

    private static string Text(JsonElement rank) => rank.ValueKind == JsonValueKind.Null ? "" : rank.GetInt32().ToString(CultureInfo.InvariantCulture);

    private static string Composite(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? "—" : value.GetDouble().ToString("0.0", CultureInfo.InvariantCulture);

    private async Task<string> WorkerOf(string blockId)
    {
        var members = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/members?grid={blockId}");
        return members.EnumerateArray().First(m => m.GetProperty("role").GetString() == "GridWorker" && m.GetProperty("gridId").GetString() == blockId)
            .GetProperty("id").GetString()!;
    }
}
