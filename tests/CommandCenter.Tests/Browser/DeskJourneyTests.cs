using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>
/// The whole loop in people's hands: one 12345 call taken on the wall goes through all nine steps with the pages
/// alone (no API call from the test): the operator takes it, finds the place in the gazetteer and dispatches from
/// the panel; the worker accepts and resolves with a photo on the phone; a supervisor verifies from the desk; the
/// operator makes the return visit on the return-visit desk; an admin runs the archive job from the desk.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class DeskJourneyTests(WallFixture wall)
{
    /// <summary>A 网格员 of 青阳镇 in the sample roster.</summary>
    private const string Worker = "M00967";

    [Fact]
    public async Task One_hotline_call_goes_through_all_nine_steps_through_the_pages_alone()
    {
        // 1–2 受理 and 立案: the call on the wall, the place by its initials (青阳镇人民政府), located to its grid at once.
        var operatorPage = await wall.OpenWallAs("operator1");
        await operatorPage.Keyboard.PressAsync("F2");
        var form = operatorPage.Locator("#call");
        await form.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await operatorPage.Keyboard.TypeAsync("李先生");
        await operatorPage.Keyboard.PressAsync("Tab");
        await operatorPage.Keyboard.TypeAsync("13800001111");
        await operatorPage.Keyboard.PressAsync("Tab");
        // The category by its pinyin initials: 工地扬尘 → gdyc; its default priority is taken.
        await operatorPage.Keyboard.TypeAsync("gdyc");
        await form.Locator(".call-hint").Filter(new() { HasText = "工地扬尘" }).WaitForAsync();
        await form.Locator("input[name=address]").FillAsync("qyzrmzf");
        await form.Locator(".call-places li").First.Filter(new() { HasText = "青阳镇人民政府" }).WaitForAsync();
        await form.Locator("input[name=address]").PressAsync("Enter");
        await form.Locator(".call-chain[data-inside=true]").Filter(new() { HasText = "青阳镇" }).WaitForAsync();
        await form.Locator("textarea[name=description]").FillAsync("镇政府门前工地连续三天扬尘");
        await form.Locator("input[name=photos]").SetInputFilesAsync(Desk.Photo);
        await form.Locator("textarea[name=description]").PressAsync("Control+Enter");
        var id = (await form.Locator(".call-case").TextContentAsync())!.Trim();

        // 3 派遣: the case opens in the panel; the operator dispatches to a grid worker of the town by its member id.
        await form.Locator(".call-actions button").First.ClickAsync();
        var panel = await operatorPage.PanelOf(id);
        await operatorPage.WaitForState(id, "gridded");
        await panel.Locator("input.dispatch-member").FillAsync(Worker);
        await panel.Locator("input.dispatch-member").PressAsync("Enter");
        await operatorPage.WaitForState(id, "dispatched");

        // 4 处置: the worker's phone has it; accept, then resolve with a note and a photo.
        var phone = await wall.OpenWorker(Worker);
        var card = phone.Locator($".task[data-id='{id}']");
        await card.Locator("button.task-accept").ClickAsync();
        await card.Locator("form.task-resolve-form textarea[name=note]").FillAsync("已更换灯头，恢复照明");
        await card.Locator("form.task-resolve-form input[name=photo]").SetInputFilesAsync(Desk.Photo);
        await card.Locator("button.task-resolve").ClickAsync();
        await operatorPage.WaitForState(id, "handled");

        // 5 核查: a supervisor finds the case on the desk and verifies it, with a note and a photo of its own.
        var supervisorPage = await wall.OpenWallAs("supervisor1");
        var supervisorPanel = await supervisorPage.FindCase(id);
        var verify = await supervisorPanel.Offer("verify");
        await verify.Locator("select[name=passed]").SelectOptionAsync("true");
        await verify.Locator("textarea[name=note]").FillAsync("现场复核，路灯正常");
        await verify.Locator("input[name=photos]").SetInputFilesAsync(Desk.Photo);
        await verify.Submit("verify");
        await supervisorPage.WaitForState(id, "verified");

        // 6–8 回访, 考核, 入档: the operator's return-visit desk lists it with the caller's phone; satisfied (5).
        await operatorPage.Keyboard.PressAsync("F4");
        var visit = operatorPage.Locator($"#desk .visit[data-id='{id}']");
        await visit.Locator(".visit-phone").Filter(new() { HasText = "13800001111" }).WaitForAsync();
        await visit.Locator(".visit-head").ClickAsync();
        var evaluate = visit.Locator(".visit-form[data-action='evaluate']");
        await evaluate.Locator("input[name=satisfaction]").FillAsync("5");
        await evaluate.Locator("textarea[name=note]").FillAsync("来电人表示满意");
        await WallFixture.Screenshot(operatorPage, "return-visit-desk-1920x1080.png");
        await evaluate.Locator("button.action-evaluate").ClickAsync();
        await operatorPage.Locator("#desk .desk-notice[data-action='evaluate']").Filter(new() { HasText = id }).WaitForAsync();
        (await operatorPage.Locator($"#desk .visit[data-id='{id}']").CountAsync()).Should().Be(0, "a visit recorded leaves the queue");

        // 9 归档: an admin runs the archive job from the desk; the case's panel then shows it archived.
        var adminPage = await wall.OpenWallAs("admin");
        await adminPage.Keyboard.PressAsync("F3");
        await adminPage.Locator("#desk .desk-tabs button[data-tab='jobs']").ClickAsync();
        await adminPage.Locator("#desk button[data-job='archive']").ClickAsync();
        await adminPage.Locator("#desk .desk-job-result").Filter(new() { HasText = "done" }).WaitForAsync(new() { Timeout = 30_000 });
        var adminPanel = await adminPage.FindCase(id);
        await adminPage.WaitForState(id, "archived");

        // The panel's timeline shows every step, each by whom it was taken, and the photos beside resolve and verify.
        // The panel lists the newest first; read oldest first.
        var steps = await adminPanel.Locator(".timeline li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.action).reverse()");
        steps.Should().ContainInOrder("report", "locate", "dispatch", "accept", "resolve", "verify", "evaluate", "assess", "file", "archive");
        (await adminPanel.Locator(".timeline li[data-action='report'] .photos img").CountAsync()).Should().Be(1, "the photo taken with the call");
        (await adminPanel.Locator(".timeline li[data-action='resolve'] .photos img").CountAsync()).Should().Be(1);
        (await adminPanel.Locator(".timeline li[data-action='verify'] .photos img").CountAsync()).Should().Be(1);
        (await adminPanel.Locator(".stepper li.now").InnerTextAsync()).Should().Contain("归档入云");
        // The whole panel, top to bottom: a tall window lets it unfold.
        await adminPage.SetViewportSizeAsync(1920, 2600);
        await adminPage.Locator("#detail").ScreenshotAsync(new() { Path = Path.Combine(WallFixture.Screenshots, "incident-panel-full.png") });

        foreach (var page in new[] { operatorPage, phone, supervisorPage, adminPage }) await page.Context.CloseAsync();
    }
}
