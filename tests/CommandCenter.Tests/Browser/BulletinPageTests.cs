using System.Globalization;
using System.Net.Http.Json;
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
        await wall.Closed(at, "通报测试：暴露垃圾");
        var supervisorApi = await wall.Center.ClientFor("supervisor1");

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

        // 下载 Excel: the month's 通报 as a workbook, read back: the same ranking, row by row.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("button.bulletin-xlsx").ClickAsync());
        download.SuggestedFilename.Should().EndWith(".xlsx");
        var workbook = CommandCenter.Tests.Exports.CaseExportTests.XlsxRows(await File.ReadAllBytesAsync((await download.PathAsync())!));
        workbook[0][0].Should().Be("名次 rank");
        workbook.Skip(1).Select(r => $"{r[1]}|{r[0]}").Should().Equal(fromServer.Select(s => string.Join('|', s.Split('|').Take(2))));
        workbook.Skip(1).Should().Contain(r => r[1] == "JY01" && r[2] == "澄江街道");
        await page.Context.CloseAsync();
    }

    private static string Text(JsonElement rank) => rank.ValueKind == JsonValueKind.Null ? "" : rank.GetInt32().ToString(CultureInfo.InvariantCulture);

    private static string Composite(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? "—" : value.GetDouble().ToString("0.0", CultureInfo.InvariantCulture);
}
