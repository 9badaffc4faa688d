using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// The loop's side paths through the pages: a report without a position located on the map and split across
/// platforms, a report cancelled (不予立案), 督办 seen on the worker's phone, suspend and resume, a failed
/// verification and its rework, an extension asked on the phone and decided on the desk; and every form refusing
/// bad input at the field it names, with nothing changed. Reports that only set the scene are made through the
/// API; every action under test is a person's, in the pages.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class DeskSidePathTests(WallFixture wall)
{
    /// <summary>A call taken on the wall with no place given: the case waits at 上报 for someone to locate it.</summary>
    private static async Task<string> CallWithoutPlace(IPage page, string category, string description)
    {
        await page.Keyboard.PressAsync("F2");
        var form = page.Locator("#call");
        await form.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await form.Locator("input[name=category]").FillAsync(category);
        await form.Locator("textarea[name=description]").FillAsync(description);
        await form.Locator("button.call-submit").ClickAsync();
        var id = (await form.Locator(".call-case").TextContentAsync())!.Trim();
        await form.Locator(".call-actions button").First.ClickAsync();
        await page.PanelOf(id);
        return id;
    }

    private async Task<int> VersionOf(string id) =>
        (await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events")).GetArrayLength();

    [Fact]
    public async Task A_report_without_a_position_is_located_by_a_click_on_the_map_then_split_across_two_platforms()
    {
        var page = await wall.OpenWallAs("operator1");
        var id = await CallWithoutPlace(page, "C0109", "来电人说不清位置，只说华士镇某处路灯不亮");
        await page.WaitForState(id, "reported");
        var panel = await page.PanelOf(id);

        // 定位立案: the operator arms the map, pans to where the caller describes and clicks there.
        var locate = await panel.Offer("locate");
        await locate.Locator("button.place-pick").ClickAsync();
        var (lat, lon, block) = wall.NextPoint("JY11");
        await page.EvaluateAsync("([lon, lat]) => { window.__wall.map().jumpTo({ center: [lon, lat], zoom: 14 }); }", new[] { lon, lat });
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        var at = await page.EvaluateAsync<double[]>("([lon, lat]) => { const p = window.__wall.map().project([lon, lat]); return [p.x, p.y]; }", new[] { lon, lat });
        await page.Mouse.ClickAsync((float)(box.X + at[0]), (float)(box.Y + at[1]));
        await locate.Locator(".call-chain[data-inside=true]").Filter(new() { HasText = "华士镇" }).WaitForAsync();
        await locate.Submit("locate");
        await page.WaitForState(id, "gridded");
        (await panel.Locator(".detail-facts").InnerTextAsync()).Should().Contain("华士镇");
        var located = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        located.GetProperty("gridId").GetString().Should().Be(block.Id, "the click was inside this block");

        // 联合处置: two platforms, each with a member of the town.
        var split = await panel.Offer("split");
        var rows = split.Locator(".subtask-row");
        (await rows.CountAsync()).Should().Be(2, "a split needs two platforms: the form starts with two rows");
        await rows.Nth(0).Locator("input[name=memberId]").FillAsync("M01288");
        await rows.Nth(1).Locator("input[name=memberId]").FillAsync("M01289");
        await split.Submit("split");
        await panel.Locator(".subtasks tbody tr").Nth(1).WaitForAsync();
        (await panel.Locator(".subtasks").InnerTextAsync()).Should().Contain("M01288").And.Contain("M01289");
        await WallFixture.Screenshot(page, "incident-panel-split-1920x1080.png");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_report_is_cancelled_with_a_reason_and_the_form_refuses_it_without_one()
    {
        var page = await wall.OpenWallAs("operator1");
        var id = await CallWithoutPlace(page, "E0107", "来电反映小广告，但地点在邻市");
        var panel = await page.PanelOf(id);
        var before = await VersionOf(id);

        var cancel = await panel.Offer("cancel");
        await cancel.Locator("button.action-cancel").ClickAsync();
        await cancel.Locator(".action-field[data-field='note'][data-invalid='true'] .field-error").Filter(new() { HasText = "Say why" }).WaitForAsync();
        (await VersionOf(id)).Should().Be(before, "a form refused in the page sends nothing");

        await cancel.Locator("textarea[name=note]").FillAsync("地点不在本市，已告知来电人向邻市反映");
        await cancel.Submit("cancel");
        await page.WaitForState(id, "cancelled");
        (await panel.Locator(".timeline li[data-action='cancel']").InnerTextAsync()).Should().Contain("地点不在本市");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pressing_on_a_case_reaches_the_workers_phone_and_a_supervisor_suspends_and_resumes_it()
    {
        const string worker = "M01411";
        var id = await wall.Report(wall.NextPoint("JY12"), "E0502", "normal", "早点摊占道经营");
        var phone = await wall.OpenWorker(worker);
        var page = await wall.OpenWallAs("operator1");
        var panel = await page.FindCase(id);
        await panel.Locator("input.dispatch-member").FillAsync(worker);
        await panel.Locator("button.dispatch-manual").ClickAsync();
        await page.WaitForState(id, "dispatched");

        var supervise = await panel.Offer("supervise");
        await supervise.Locator("textarea[name=note]").FillAsync("群众多次来电，请今天处理");
        await supervise.Submit("supervise");
        await phone.Locator($".task[data-id='{id}'] .task-notice").Filter(new() { HasText = "群众多次来电" }).WaitForAsync();

        var supervisorPage = await wall.OpenWallAs("supervisor1");
        var supervisorPanel = await supervisorPage.FindCase(id);
        var suspend = await supervisorPanel.Offer("suspend");
        await suspend.Locator("textarea[name=note]").FillAsync("等待市场监管部门联合执法");
        await suspend.Submit("suspend");
        await supervisorPage.WaitForState(id, "suspended");
        var resume = await supervisorPanel.Offer("resume");
        await resume.Locator("textarea[name=note]").FillAsync("联合执法已安排");
        await resume.Submit("resume");
        await supervisorPage.WaitForState(id, "dispatched");

        foreach (var p in new[] { page, phone, supervisorPage }) await p.Context.CloseAsync();
    }

    [Fact]
    public async Task A_failed_verification_sends_the_case_back_with_its_reason_and_an_extension_asked_on_the_phone_is_decided_on_the_desk()
    {
        const string worker = "M01557";
        var id = await wall.Report(wall.NextPoint("JY13"), "E0102", "normal", "垃圾桶满溢");
        var page = await wall.OpenWallAs("operator1");
        var panel = await page.FindCase(id);
        await panel.Locator("input.dispatch-member").FillAsync(worker);
        await panel.Locator("button.dispatch-manual").ClickAsync();
        var phone = await wall.OpenWorker(worker);
        var card = phone.Locator($".task[data-id='{id}']");
        await card.Locator("button.task-accept").ClickAsync();
        await card.Locator("form.task-resolve-form textarea[name=note]").FillAsync("已清运");
        await card.Locator("button.task-resolve").ClickAsync();

        // 核查 failed: without a note the server refuses and names it; with one the case goes back to the worker.
        var supervisorPage = await wall.OpenWallAs("supervisor1");
        var supervisorPanel = await supervisorPage.FindCase(id);
        await supervisorPage.WaitForState(id, "handled");
        var before = await VersionOf(id);
        var verify = await supervisorPanel.Offer("verify");
        await verify.Locator("select[name=passed]").SelectOptionAsync("false");
        await verify.Locator("button.action-verify").ClickAsync();
        await verify.Locator(".action-field[data-field='note'][data-invalid='true']").WaitForAsync();
        (await VersionOf(id)).Should().Be(before, "a refused verification changes nothing");
        await verify.Locator("textarea[name=note]").FillAsync("桶边仍有散落垃圾，需清理干净");
        await verify.Submit("verify");
        await supervisorPage.WaitForState(id, "handling");
        await card.Locator(".task-rework").Filter(new() { HasText = "桶边仍有散落垃圾" }).WaitForAsync();

        // 申请延期 on the phone, 延期审批 on the desk.
        var ask = card.Locator("details.task-more[data-action='request-extension']");
        await ask.Locator("summary").ClickAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var later = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(2), zone);
        await ask.Locator("input[name=dueAt]").FillAsync(later.ToString("yyyy-MM-dd'T'HH:mm"));
        await ask.Locator("textarea[name=note]").FillAsync("需调配清运车辆");
        await ask.Locator("button.action-request-extension").ClickAsync();

        // The request reaches the desk as a new offer on the case's panel (the server offers the decision once one is pending).
        var decide = await supervisorPanel.Offer("decide-extension");
        await decide.Locator("select[name=approved]").SelectOptionAsync("true");
        await decide.Submit("decide-extension");
        await supervisorPanel.Locator(".deadlines tr.active small").Filter(new() { HasText = "原" }).WaitForAsync();
        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("extensions").GetInt32().Should().Be(1);
        incident.GetProperty("reworks").GetInt32().Should().Be(1);

        foreach (var p in new[] { page, phone, supervisorPage }) await p.Context.CloseAsync();
    }
}
