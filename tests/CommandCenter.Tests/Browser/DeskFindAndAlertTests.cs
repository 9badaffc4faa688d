using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// The desk's other hands: an alert acknowledged on one wall is marked on every wall of the scope; a caller's
/// earlier cases show as the number is typed and any case is found by words and filters; a return visit nobody
/// answers is counted on the desk. Scenes are set through the API; what is tested is done in the pages.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class DeskFindAndAlertTests(WallFixture wall)
{
    [Fact]
    public async Task An_alert_acknowledged_on_one_wall_is_marked_with_who_took_it_on_another_wall_of_the_scope()
    {
        var first = await wall.OpenWallAs("operator1");
        var second = await wall.OpenWallAs("supervisor1");
        // Urgent: the wall's policy gives it 12 s to dispatch, so it breaches within seconds. The breach is acknowledged
        // (a warning acknowledged would ask again when the breach comes, a few seconds later).
        var id = await wall.Report(wall.NextPoint("JY14"), "E0401", "urgent", "路面塌陷，已临时围挡");

        var alert = first.Locator($".alert[data-id='{id}'][data-kind='breach']").First;
        await alert.WaitForAsync(new() { Timeout = 30_000 });
        await second.Locator($".alert[data-id='{id}'][data-kind='breach']").First.WaitForAsync(new() { Timeout = 30_000 });
        await alert.Locator("button.alert-ack").ClickAsync();

        await second.Locator($".alert[data-id='{id}'][data-acknowledged='operator1']").First.WaitForAsync();
        (await second.Locator($".alert[data-id='{id}'][data-acknowledged='operator1'] .alert-acked").First.InnerTextAsync()).Should().Contain("operator1");
        var panel = await second.FindCase(id);
        (await panel.Locator(".detail-facts").InnerTextAsync()).Should().Contain("已确认 operator1");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task A_repeat_callers_earlier_cases_show_as_the_number_is_typed_and_a_case_is_found_by_words_and_filters()
    {
        var (lat, lon, _) = wall.NextPoint("JY15");
        var earlier = await wall.Operator.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0701", description = "楼上装修噪音，晚上十点后仍在施工", channel = "hotline", lat, lon, callerName = "赵阿姨", callerPhone = "13600003333",
        });
        var id = (await earlier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var page = await wall.OpenWallAs("operator1");
        await page.Keyboard.PressAsync("F2");
        var form = page.Locator("#call");
        await form.Locator("input[name=callerPhone]").FillAsync("136 0000 3333");
        await form.Locator($".call-history li[data-id='{id}']").Filter(new() { HasText = "装修噪音" }).WaitForAsync();
        await page.Keyboard.PressAsync("Escape");

        await page.Keyboard.PressAsync("F3");
        var desk = page.Locator("#desk");
        await desk.Locator("input[name=q]").FillAsync("装修噪音");
        await desk.Locator("select[name=channel]").SelectOptionAsync("hotline");
        await desk.Locator($".desk-table tr[data-id='{id}']").WaitForAsync();
        // A filter the case does not meet leaves it out.
        await desk.Locator("select[name=state]").SelectOptionAsync("handling");
        await desk.Locator(".desk-message").Filter(new() { HasText = "共 0 件" }).WaitForAsync();
        await desk.Locator("select[name=state]").SelectOptionAsync("gridded");
        await desk.Locator($".desk-table tr[data-id='{id}']").WaitForAsync();
        // The filters as they stand, as a workbook: exactly the cases the table shows.
        var listed = await desk.Locator(".desk-table tr[data-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        var download = await page.RunAndWaitForDownloadAsync(() => desk.Locator("button.desk-export[data-format=xlsx]").ClickAsync());
        var workbook = CommandCenter.Tests.Exports.CaseExportTests.XlsxRows(await File.ReadAllBytesAsync((await download.PathAsync())!));
        workbook.Skip(1).Select(r => r[0]).Should().Equal(listed);
        await desk.Locator($".desk-table tr[data-id='{id}']").ClickAsync();
        await page.PanelOf(id);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_return_visit_nobody_answers_is_counted_on_the_desk_and_stays_in_the_queue()
    {
        var (lat, lon, _) = wall.NextPoint("JY16");
        var created = await wall.Operator.PostAsJsonAsync("/api/incidents", new
        {
            category = "C0109", description = "路灯不亮", channel = "hotline", lat, lon, callerName = "钱先生", callerPhone = "13500004444",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await wall.Dispatch(id, "M01860");
        var worker = await wall.Center.ClientFor("M01860");
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "已修复" })).EnsureSuccessStatusCode();
        var supervisor = await wall.Center.ClientFor("supervisor1");
        (await supervisor.PostAsJsonAsync($"/api/incidents/{id}/actions/verify", new { passed = true })).EnsureSuccessStatusCode();

        var page = await wall.OpenWallAs("operator1");
        await page.Keyboard.PressAsync("F4");
        var visit = page.Locator($"#desk .visit[data-id='{id}']");
        await visit.Locator(".visit-phone").Filter(new() { HasText = "13500004444" }).WaitForAsync();
        await visit.Locator(".visit-head").ClickAsync();
        var noAnswer = visit.Locator(".visit-form[data-action='no-answer']");
        await noAnswer.Locator("textarea[name=note]").FillAsync("10:05 拨打无人接听");
        await noAnswer.Locator("button.action-no-answer").ClickAsync();

        await page.Locator("#desk .desk-notice[data-action='no-answer']").Filter(new() { HasText = id }).WaitForAsync();
        (await page.Locator($"#desk .visit[data-id='{id}'] .visit-head").InnerTextAsync()).Should().Contain("未接通 1 次");
        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("state").GetString().Should().Be("verified", "an unanswered call leaves the visit waiting");
        incident.GetProperty("returnVisitAttempts").GetInt32().Should().Be(1);
        await page.Context.CloseAsync();
    }
}
