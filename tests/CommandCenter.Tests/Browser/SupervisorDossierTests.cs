using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Browser;

/// <summary>考核入档 on the KPI page: a member's name in the ranking opens its dossier, the months it was assessed, as the server files them.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class SupervisorDossierTests(WallFixture wall)
{
    [Fact]
    public async Task A_members_name_in_the_ranking_opens_its_dossier_with_this_months_score()
    {
        // 新桥镇 (JY13): a case through the loop, then the month's assessment filed.
        var at = wall.NextPoint("JY13");
        var (_, worker) = await wall.Closed(at, "档案：暴露垃圾");
        var supervisor = await wall.Center.ClientFor("supervisor1");
        var admin = await wall.Center.ClientFor("admin", CenterFactory.AdminPassword);
        (await admin.PostAsync("/api/jobs/assessment/run", null)).EnsureSuccessStatusCode();
        var filed = await supervisor.GetFromJsonAsync<JsonElement>($"/api/dossiers/members/{worker}");
        var entry = filed.GetProperty("entries").EnumerateArray().Last();
        var month = entry.GetProperty("period").GetString()!;

        var page = await wall.NewPage(1920, 1080);
        await page.GotoAsync(new Uri(wall.Center.Address, "/supervisor?scope=JY13&period=this-month").ToString());
        await WallFixture.SignIn(page, "supervisor1", CenterFactory.DemoPassword);
        await page.WaitForFunctionAsync("() => window.__supervisor && window.__supervisor.ready", null, new() { Timeout = 60_000 });
        await page.Locator($"table.ranking[data-by=member] td.row-name:has-text('{worker}')").ClickAsync();
        var dialog = page.Locator($"dialog.dossier-dialog[data-id='{worker}'][data-loaded=true]");
        await dialog.WaitForAsync();
        var row = dialog.Locator($".dossier-table tr[data-period='{month}']");
        (await row.Locator("td").Nth(1).InnerTextAsync()).Should().Be(entry.GetProperty("score").GetDouble().ToString("0.0", CultureInfo.InvariantCulture));
        await page.Context.CloseAsync();
    }
}
