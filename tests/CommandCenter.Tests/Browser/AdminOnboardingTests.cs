using CommandCenter.Tests.Support;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace CommandCenter.Tests.Browser;

/// <summary>A center started without the sample city: nothing in it but the admin.</summary>
public sealed class EmptyCenterWall : WallFixture
{
    protected override string[] CenterArguments => ["--Samples:LoadOnFirstStart=false", "--RateLimits:SignInPerMinute=100000"];

    protected override bool HasSampleCity => false;
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmptyCenterCollection : ICollectionFixture<EmptyCenterWall>
{
    public const string Name = "empty center";
}

/// <summary>
/// A city moves in through the admin console alone: on an empty center the admin sets the city, imports its grids,
/// its roster (a bad row refused by row and column, then fixed), a category and a policy version, and invites an
/// operator and a worker; each sets its password from its invitation link; the operator takes a call and dispatches
/// it, and the worker's phone receives it. The test calls no API: every step is a click, a key or a file chosen.
/// </summary>
[Trait("Category", "Browser")]
[Collection(EmptyCenterCollection.Name)]
public class AdminOnboardingTests(EmptyCenterWall wall)
{
    private const string Worker = "TX0001";

    [Fact]
    public async Task An_admin_brings_a_small_city_in_through_the_console_and_its_first_call_reaches_its_worker()
    {
        var admin = await wall.NewPage(1920, 1080);
        await admin.GotoAsync(new Uri(wall.Center.Address, "/admin").ToString());
        await WallFixture.SignIn(admin, "admin", CenterFactory.AdminPassword);
        // An empty center opens on the checklist, every step to do.
        var steps = admin.Locator("#section-setup li.setup-step");
        await admin.Locator("#section-setup li.setup-step[data-step='city'][data-done='false']").WaitForAsync();
        (await steps.CountAsync()).Should().Be(6);
        (await admin.Locator("#section-setup li.setup-step[data-done='true']").CountAsync()).Should().Be(0);
        await WallFixture.Screenshot(admin, "admin-setup-empty-1920x1080.png");

        // 城市: name, time zone, case prefix, a holiday.
        await Open(admin, "city");
        var city = admin.Locator("#section-city");
        await city.Locator("input[name=name]").FillAsync("测试县");
        await city.Locator("input[name=timeZone]").FillAsync("Asia/Shanghai");
        await city.Locator("input[name=casePrefix]").FillAsync("TX");
        await city.Locator("input[name=holidays-add]").FillAsync("2027-01-01");
        await city.Locator("[data-list=holidays] .date-add-button").ClickAsync();
        await city.Locator(".city-save").ClickAsync();
        await Saved(city);
        await Checked(admin, "city");

        // 网格: the file previewed (counts per level, drawn), then applied.
        await Open(admin, "grids");
        var grids = admin.Locator("#section-grids");
        await grids.Locator("input.grids-file").SetInputFilesAsync(File("grids.geojson", "application/geo+json", SmallCity.GeoJson));
        await grids.Locator(".verdict").WaitForAsync();
        (await grids.Locator(".verdict").GetAttributeAsync("data-accepted")).Should().Be("true", await grids.InnerTextAsync());
        (await grids.Locator("table.levels tr[data-level='3']").InnerTextAsync()).Should().Contain("2");
        await grids.Locator(".grids-apply").ClickAsync();
        await grids.Locator(".grids-status[data-tone=green]").Filter(new() { HasText = "已替换" }).WaitForAsync();
        await Checked(admin, "grids");

        // 名册: a roster with a bad row is refused by row and column; fixed, it is applied.
        await Open(admin, "roster");
        var roster = admin.Locator("#section-roster");
        await roster.Locator("input.roster-file").SetInputFilesAsync(File("roster.csv", "text/csv", SmallCity.Roster("TX99-99")));
        var error = roster.Locator("table.roster-errors tr[data-row='4'][data-column='网格']");
        await error.WaitForAsync();
        (await error.InnerTextAsync()).Should().Contain("TX99-99");
        (await roster.Locator(".roster-apply").IsDisabledAsync()).Should().BeTrue("a roster with errors is not applied");
        await WallFixture.Screenshot(admin, "admin-roster-refused-1920x1080.png");
        await roster.Locator("input.roster-file").SetInputFilesAsync(File("roster.csv", "text/csv", SmallCity.Roster("TX01-01-02")));
        await roster.Locator(".tally-item[data-kind=errors][data-count='0']").WaitForAsync();
        await roster.Locator(".tally-item[data-kind=added][data-count='3']").WaitForAsync();
        await roster.Locator(".roster-apply").ClickAsync();
        await roster.Locator(".roster-status[data-tone=green]").Filter(new() { HasText = "已导入" }).WaitForAsync();
        await admin.Locator("a.nav-item[data-section=roster][data-done=true]").WaitForAsync();

        // 事项分类: one category added through the form.
        await Open(admin, "categories");
        var categories = admin.Locator("#section-categories");
        await categories.Locator("details.add-category summary").ClickAsync();
        var form = categories.Locator("form.category-form[data-mode=new]");
        await form.Locator("[name=code]").FillAsync("E0102");
        await form.Locator("[name=kind]").SelectOptionAsync("事件");
        await form.Locator("[name=majorCode]").FillAsync("01");
        await form.Locator("[name=majorName]").FillAsync("市容环境");
        await form.Locator("[name=minorCode]").FillAsync("02");
        await form.Locator("[name=name]").FillAsync("暴露垃圾");
        await form.Locator("[name=platform]").SelectOptionAsync("LawEnforcement");
        await form.Locator("[name=defaultPriority]").SelectOptionAsync("normal");
        await form.Locator("[name=handlingLimit]").FillAsync("4h");
        await form.Locator("button[type=submit]").ClickAsync();
        await categories.Locator("table.categories tr[data-code='E0102']").WaitForAsync();

        // 时限策略: the accept limit shortened, saved as a new version with its reason.
        await Open(admin, "policy");
        var policy = admin.Locator("#section-policy");
        var acceptRow = policy.Locator(".limits-table tr[data-index]").Filter(new() { Has = admin.Locator("select[name=step] >> option:checked[value=accept]") });
        await acceptRow.First.Locator("input[name=limit]").FillAsync("20m");
        await policy.Locator("textarea[name=note]").FillAsync("首版：接单时限20分钟");
        await policy.Locator(".policy-save").ClickAsync();
        await policy.Locator("table.policy-versions tr").Filter(new() { HasText = "首版：接单时限20分钟" }).WaitForAsync();
        await WallFixture.Screenshot(admin, "admin-policy-1920x1080.png");

        // 账号: an operator invited; the worker (its account from the roster) invited.
        await Open(admin, "accounts");
        var accounts = admin.Locator("#section-accounts");
        var create = accounts.Locator("form.account-create");
        await create.Locator("input[name=username]").FillAsync("desk-a");
        await create.Locator("select[name=role]").SelectOptionAsync("operator");
        await create.Locator("button[type=submit]").ClickAsync();
        var operatorLink = await accounts.Locator(".invitation[data-username='desk-a'] input.invitation-link").InputValueAsync();
        await accounts.Locator($"table.accounts tr[data-username='{Worker}'] .account-invite").ClickAsync();
        var workerLink = await accounts.Locator($".invitation[data-username='{Worker}'] input.invitation-link").InputValueAsync();
        operatorLink.Should().Contain("/?invite=");
        workerLink.Should().Contain("/worker?invite=");
        await Checked(admin, "accounts");
        await Open(admin, "setup");
        await admin.Locator("#section-setup li.setup-step[data-done='false']").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await WallFixture.Screenshot(admin, "admin-setup-done-1920x1080.png");

        // The worker opens its link on the phone and sets its password; the phone page goes live.
        var phone = await wall.NewPage(390, 844, phone: true);
        await phone.GotoAsync(workerLink);
        await SetPassword(phone, "Field-work-2027");
        await phone.WaitForFunctionAsync("() => window.__worker && window.__worker.linkState === 'live'", null, new() { Timeout = 30_000 });

        // The operator opens its link at the wall, sets its password, and takes a call in the new city.
        var desk = await wall.NewPage(1920, 1080);
        await desk.GotoAsync(operatorLink);
        await SetPassword(desk, "Desk-lights-2027");
        await desk.WaitForFunctionAsync("() => window.__wall && window.__wall.linkState === 'live'", null, new() { Timeout = 60_000 });
        await desk.Keyboard.PressAsync("F2");
        var call = desk.Locator("#call");
        await call.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await call.Locator("input[name=category]").FillAsync("E0102");
        await call.Locator("input[name=address]").FillAsync("河东片区");
        await call.Locator(".call-places li").Filter(new() { HasText = "河东片区" }).First.WaitForAsync();
        await call.Locator("input[name=address]").PressAsync("Enter");
        await call.Locator(".call-chain[data-inside=true]").Filter(new() { HasText = "测试镇" }).WaitForAsync();
        await call.Locator("textarea[name=description]").FillAsync("河东片区路口垃圾堆积");
        await call.Locator("textarea[name=description]").PressAsync("Control+Enter");
        var id = (await call.Locator(".call-case").TextContentAsync())!.Trim();
        id.Should().StartWith("TX-", "the case number carries the city's own prefix");

        await call.Locator(".call-actions button").First.ClickAsync();
        var panel = await desk.PanelOf(id);
        await desk.WaitForState(id, "gridded");
        await panel.Locator("input.dispatch-member").FillAsync(Worker);
        await panel.Locator("input.dispatch-member").PressAsync("Enter");
        await desk.WaitForState(id, "dispatched");

        // The worker's phone has it.
        await phone.Locator($".task[data-id='{id}']").WaitForAsync();
        await WallFixture.Screenshot(phone, "admin-onboarding-worker-390x844.png");

        // Later the worker changes its own password on the phone: a weak one is refused at its field, a good one taken.
        await phone.Locator("button.change-password").ClickAsync();
        var dialog = phone.Locator("dialog.password-dialog");
        await dialog.Locator("input[name=currentPassword]").FillAsync("Field-work-2027");
        await dialog.Locator("input[name=newPassword]").FillAsync("short");
        await dialog.Locator("input[name=newPasswordAgain]").FillAsync("short");
        await dialog.Locator("button[type=submit]").ClickAsync();
        await dialog.Locator("[data-field=newPassword] .field-error").Filter(new() { HasText = "10 characters" }).WaitForAsync();
        await dialog.Locator("input[name=newPassword]").FillAsync("River-bank-2028");
        await dialog.Locator("input[name=newPasswordAgain]").FillAsync("River-bank-2028");
        await dialog.Locator("button[type=submit]").ClickAsync();
        await dialog.Locator(".form-message[data-tone=green]").WaitForAsync();
        // Signed in again with the new password, the phone still has its work.
        await phone.ReloadAsync();
        await phone.WaitForFunctionAsync("() => window.__worker && window.__worker.linkState === 'live'", null, new() { Timeout = 30_000 });
        await phone.Locator($".task[data-id='{id}']").WaitForAsync();
        foreach (var page in new[] { admin, phone, desk }) await page.Context.CloseAsync();
    }

    private static async Task Open(IPage admin, string section)
    {
        await admin.Locator($"a.nav-item[data-section={section}]").ClickAsync();
        await admin.Locator($"#section-{section}:not([hidden])").WaitForAsync();
    }

    /// <summary>The form's message turns green; a refusal (red) fails the test with the server's words.</summary>
    private static async Task Saved(ILocator section)
    {
        var message = section.Locator(".form-message[data-tone=green], .form-message[data-tone=red]").First;
        await message.WaitForAsync();
        (await message.GetAttributeAsync("data-tone")).Should().Be("green", await section.InnerTextAsync());
    }

    /// <summary>The checklist, read again, marks the step done (and the nav beside it).</summary>
    private static async Task Checked(IPage admin, string step)
    {
        await Open(admin, "setup");
        await admin.Locator($"#section-setup li.setup-step[data-step='{step}'][data-done='true']").WaitForAsync();
    }

    private static async Task SetPassword(IPage page, string password)
    {
        var form = page.Locator("form.invitation-form");
        await form.WaitForAsync();
        await form.Locator("input[name=password]").FillAsync(password);
        await form.Locator("input[name=passwordAgain]").FillAsync(password);
        await form.Locator("button[type=submit]").ClickAsync();
    }

    private static FilePayload File(string name, string type, string text) => new() { Name = name, MimeType = type, Buffer = Encoding.UTF8.GetBytes(text) };

    /// <summary>A small city of one town, one village and two blocks east and west of a river, with three people.</summary>
    private static class SmallCity
    {
        private const double West = 120.10, East = 120.14, South = 31.10, North = 31.13, River = 120.12;

        public static string GeoJson => "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",",
            Feature("TX", null, 0, "测试县", West, East, "\"area\":\"urban\""),
            Feature("TX01", "TX", 1, "测试镇", West, East, "\"area\":\"rural\""),
            Feature("TX01-01", "TX01", 2, "河口村", West, East, null),
            Feature("TX01-01-01", "TX01-01", 3, "河东片区", River, East, null),
            Feature("TX01-01-02", "TX01-01", 3, "河西片区", West, River, null)) + "]}";

        /// <summary>The roster CSV; the third member's grid as given (row 4, counting the header as row 1).</summary>
        public static string Roster(string thirdGrid) =>
            "编号,姓名,角色,网格,用工,电话\n" +
            $"{Worker},陈河东,网格员,TX01-01-01,专职,13900000001\n" +
            "TX0002,林村长,网格长,TX01-01,兼职,13900000002\n" +
            $"TX0003,周河西,网格员,{thirdGrid},专职,13900000003\n";

        private static string Feature(string id, string? parent, int level, string name, double west, double east, string? extra)
        {
            string P(double lon, double lat) => string.Create(CultureInfo.InvariantCulture, $"[{lon},{lat}]");
            var ring = $"[{P(west, South)},{P(east, South)},{P(east, North)},{P(west, North)},{P(west, South)}]";
            var parentJson = parent is null ? "null" : $"\"{parent}\"";
            return $"{{\"type\":\"Feature\",\"properties\":{{\"id\":\"{id}\",\"parentId\":{parentJson},\"level\":{level},\"name\":\"{name}\"" +
                   (extra is null ? "" : "," + extra) + $"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[{ring}]}}}}";
        }
    }
}
