using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>受理: an operator takes a 12345 call on the wall with the keyboard, finding the place in the gazetteer.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public class HotlineCallTests(WallFixture wall)
{
    private async Task<int> Total() =>
        (await wall.Operator.GetFromJsonAsync<JsonElement>("/api/incidents?pageSize=1")).GetProperty("total").GetInt32();

    [Fact]
    public async Task An_operator_takes_a_call_finds_the_place_by_its_initials_and_reads_back_the_case_number()
    {
        var page = await wall.OpenWall();
        await page.Keyboard.PressAsync("F2");
        var form = page.Locator("#call");
        await form.WaitForAsync(new() { State = WaitForSelectorState.Visible });

        // The caller speaks; the operator types.
        await page.Keyboard.TypeAsync("王女士");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("13912345678");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("E0302");
        await form.Locator(".call-hint").Filter(new() { HasText = "工地扬尘" }).WaitForAsync();
        (await form.Locator("select[name=priority]").InputValueAsync()).Should().Be("normal", "the category's default priority is taken");

        // The place by the initials of 徐霞客镇人民政府: the gazetteer suggests it with its grid chain; Enter takes the first.
        await form.Locator("input[name=address]").FillAsync("xxkzrmzf");
        var suggestion = form.Locator(".call-places li").First;
        await suggestion.Filter(new() { HasText = "徐霞客镇人民政府" }).WaitForAsync();
        await WallFixture.Screenshot(page, "hotline-call-suggestions-1920x1080.png");
        await form.Locator("input[name=address]").PressAsync("Enter");
        await form.Locator(".call-chain[data-inside=true]").Filter(new() { HasText = "徐霞客镇" }).WaitForAsync();
        (await page.Locator(".call-pin").CountAsync()).Should().Be(1, "the place is pinned on the map");

        await form.Locator("textarea[name=description]").FillAsync("工地夜间施工扬尘很大，请派人查看");
        await form.Locator("textarea[name=description]").PressAsync("Control+Enter");

        var caseNumber = form.Locator(".call-case");
        await caseNumber.WaitForAsync();
        var id = (await caseNumber.TextContentAsync())!.Trim();
        await WallFixture.Screenshot(page, "hotline-call-case-number-1920x1080.png");

        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        incident.GetProperty("channel").GetString().Should().Be("hotline");
        incident.GetProperty("category").GetString().Should().Be("E0302");
        incident.GetProperty("callerName").GetString().Should().Be("王女士");
        incident.GetProperty("callerPhone").GetString().Should().Be("13912345678");
        incident.GetProperty("address").GetString().Should().Be("徐霞客镇人民政府");
        incident.GetProperty("state").GetString().Should().Be("gridded", "a call with a place is located to its grid at once");
        incident.GetProperty("gridChain").EnumerateArray().Select(g => g.GetString()).Should().Contain("JY10");

        // The case is on the wall too, and opens from the form.
        await form.Locator(".call-actions button").First.ClickAsync();
        await page.Locator($"#detail .detail-body[data-id='{id}']").WaitForAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_call_about_a_case_already_open_nearby_shows_it_before_submitting_and_joins_it()
    {
        var seat = (await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/places?q={Uri.EscapeDataString("璜土镇人民政府")}")).EnumerateArray().First();
        var known = await wall.Report(seat.GetProperty("lat").GetDouble(), seat.GetProperty("lon").GetDouble(), "E0105", "normal", "河道漂浮垃圾");
        var page = await wall.OpenWall();
        await page.Keyboard.PressAsync("F2");
        var form = page.Locator("#call");
        await form.WaitForAsync(new() { State = WaitForSelectorState.Visible });

        await form.Locator("input[name=category]").FillAsync("E0105");
        await form.Locator("input[name=address]").FillAsync("璜土镇人民政府");
        await form.Locator(".call-places li").First.Filter(new() { HasText = "璜土镇人民政府" }).WaitForAsync();
        await form.Locator("input[name=address]").PressAsync("Enter");

        await form.Locator($".call-nearby li[data-id='{known}']").WaitForAsync();
        (await form.Locator(".call-nearby li").First.InnerTextAsync()).Should().Contain("河道漂浮垃圾", "the open case is previewed");
        await form.Locator("textarea[name=description]").FillAsync("又有人反映河面漂浮垃圾");
        // The operator names the open case as the one the caller means.
        await form.Locator($".call-nearby li[data-id='{known}'] button.call-same").ClickAsync();

        await form.Locator(".call-result").Filter(new() { HasText = "已并入" }).WaitForAsync();
        (await form.Locator(".call-case").TextContentAsync())!.Trim().Should().Be(known, "the call joined the open case instead of opening another");
        var incident = await wall.Operator.GetFromJsonAsync<JsonElement>($"/api/incidents/{known}");
        incident.GetProperty("links").EnumerateArray().Should().ContainSingle(l => l.GetProperty("description").GetString() == "又有人反映河面漂浮垃圾");

        // The case's panel lists the joined call; the operator decides it was another matter after all and unlinks it.
        await form.Locator(".call-actions button").First.ClickAsync();
        var panel = await page.PanelOf(known);
        await panel.Locator(".links li").Filter(new() { HasText = "又有人反映河面漂浮垃圾" }).WaitForAsync();
        var unlink = await panel.Offer("unlink");
        await unlink.Locator("select[name=linkId]").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await unlink.Submit("unlink");
        await panel.Locator(".links li small").Filter(new() { HasText = "已拆分为" }).WaitForAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_call_without_category_or_description_is_refused_at_the_fields_the_server_names_and_nothing_is_created()
    {
        var page = await wall.OpenWall();
        var before = await Total();
        await page.Locator("button.take-call").ClickAsync();
        var form = page.Locator("#call");
        await form.WaitForAsync(new() { State = WaitForSelectorState.Visible });

        await form.Locator("input[name=category]").FillAsync("Z9999");
        await form.Locator("button.call-submit").ClickAsync();

        await form.Locator(".call-row[data-field=category][data-invalid=true]").WaitForAsync();
        (await form.Locator(".call-row[data-field=category] .call-error").TextContentAsync()).Should().Contain("Z9999");
        (await form.Locator(".call-row[data-field=description][data-invalid=true]").CountAsync()).Should().Be(1);
        (await form.Locator(".call-case").CountAsync()).Should().Be(0);
        (await Total()).Should().Be(before, "a refused call creates nothing");

        // Esc puts the form away without a trace on the map.
        await page.Keyboard.PressAsync("Escape");
        await form.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_supervisor_whose_account_may_not_report_gets_no_call_form()
    {
        var page = await wall.NewPage(1920, 1080);
        await page.GotoAsync(new Uri(wall.Center.Address, "/").ToString());
        await WallFixture.SignIn(page, "supervisor1", CenterFactory.DemoPassword);
        await page.WaitForFunctionAsync("() => window.__wall && window.__wall.linkState === 'live'", null, new() { Timeout = 60_000 });

        (await page.Locator("button.take-call").IsVisibleAsync()).Should().BeFalse("the server does not let a supervisor report, so the page offers no call form");
        var refused = await (await CenterClient("supervisor1")).PostAsJsonAsync("/api/incidents", new { category = "E0302", description = "x", lat = 31.8, lon = 120.3 });
        ((int)refused.StatusCode).Should().Be(403, "the page shows what the server decides");
        await page.Context.CloseAsync();
    }

    private async Task<HttpClient> CenterClient(string username)
    {
        var client = new HttpClient { BaseAddress = wall.Center.Address };
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { username, password = CenterFactory.DemoPassword })).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }
}
