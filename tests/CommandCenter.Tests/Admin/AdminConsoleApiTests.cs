using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Admin;

[Trait("Category", "InProcess")]
public class AdminConsoleApiTests(AdminCenter center) : IClassFixture<AdminCenter>
{
    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string[] ErrorsAt(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private async Task<HttpResponseMessage> Report(HttpClient client, string category)
    {
        var (lat, lon) = SampleCity.NextPoint();
        return await client.PostAsJsonAsync("/api/incidents", new { category, lat, lon, description = "井盖缺失", channel = "hotline" });
    }

    [Fact]
    public async Task The_admin_console_api_answers_admins_only()
    {
        var operatorClient = await center.ClientFor("operator1");
        foreach (var path in new[] { "/api/admin/setup", "/api/admin/city", "/api/admin/accounts", "/api/admin/categories", "/api/admin/sla-policy/versions", "/api/admin/audit" })
            (await operatorClient.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
        var admin = await center.ClientFor("admin");
        (await admin.GetAsync("/api/admin/setup")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_retired_category_takes_no_new_reports_while_its_cases_go_on_and_a_restored_one_takes_them_again()
    {
        var admin = await center.ClientFor("admin");
        var operatorClient = await center.ClientFor("operator1");
        var before = await Json(await Report(operatorClient, "C0103"), HttpStatusCode.Created);
        var open = before.GetProperty("id").GetString()!;

        await Json(await admin.PostAsync("/api/admin/categories/C0103/retire", null), HttpStatusCode.OK);

        var refused = await Json(await Report(operatorClient, "C0103"), HttpStatusCode.BadRequest);
        ErrorsAt(refused, "category").Single().Should().Contain("retired");
        var services = await operatorClient.GetStringAsync("/open311/v2/services.json");
        services.Should().NotContain("\"C0103\"");
        var categories = await operatorClient.GetFromJsonAsync<JsonElement>("/api/categories");
        categories.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "C0103").GetProperty("retired").GetBoolean().Should().BeTrue();
        // The case opened before goes on: it is dispatched as any other.
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{open}/actions/dispatch", new { memberId = "M00020" })).StatusCode.Should().Be(HttpStatusCode.OK);

        await Json(await admin.PostAsync("/api/admin/categories/C0103/restore", null), HttpStatusCode.OK);
        await Json(await Report(operatorClient, "C0103"), HttpStatusCode.Created);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit?subject=category:C0103");
        audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Equal("category.restore", "category.retire");
        audit[1].GetProperty("actor").GetString().Should().Be("admin");
        audit[1].GetProperty("before").GetString().Should().Contain("\"retired\":false");
        audit[1].GetProperty("after").GetString().Should().Contain("\"retired\":true");
    }

    [Fact]
    public async Task A_new_category_is_checked_field_by_field_then_taken_by_reports()
    {
        var admin = await center.ClientFor("admin");
        var bad = await Json(await admin.PostAsJsonAsync("/api/admin/categories", new
        {
            code = "E0999", kind = "事件", majorCode = "09", majorName = "街面秩序", minorCode = "99", name = "", platform = "Nowhere",
            defaultPriority = "normal", handlingLimit = "4x",
        }), HttpStatusCode.BadRequest);
        ErrorsAt(bad, "name").Should().NotBeEmpty();
        ErrorsAt(bad, "platform").Single().Should().Contain("LawEnforcement");
        ErrorsAt(bad, "handlingLimit").Should().NotBeEmpty();

        var created = await Json(await admin.PostAsJsonAsync("/api/admin/categories", new
        {
            code = "E0999", kind = "事件", majorCode = "09", majorName = "街面秩序", minorCode = "99", name = "占道晾晒", platform = "LawEnforcement",
            defaultPriority = "low", handlingLimit = "2wh",
        }), HttpStatusCode.Created);
        created.GetProperty("handlingLimit").GetString().Should().Be("2wh");
        var duplicate = await Json(await admin.PostAsJsonAsync("/api/admin/categories", new { code = "E0999" }), HttpStatusCode.BadRequest);
        ErrorsAt(duplicate, "code").Single().Should().Contain("exists");

        var operatorClient = await center.ClientFor("operator1");
        var reported = await Json(await Report(operatorClient, "E0999"), HttpStatusCode.Created);
        var incident = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{reported.GetProperty("id").GetString()}");
        incident.GetProperty("priority").GetString().Should().Be("low", "the new category's default priority");
        var renamed = await Json(await admin.PutAsJsonAsync("/api/admin/categories/E0999", new
        {
            kind = "事件", majorCode = "09", majorName = "街面秩序", minorCode = "99", name = "占道晾晒物品", platform = "LawEnforcement",
            defaultPriority = "low", handlingLimit = "2wh",
        }), HttpStatusCode.OK);
        renamed.GetProperty("name").GetString().Should().Be("占道晾晒物品");
        var moved = await Json(await admin.PutAsJsonAsync("/api/admin/categories/E0999", new { code = "E0998" }), HttpStatusCode.BadRequest);
        ErrorsAt(moved, "code").Single().Should().Contain("cannot change");
    }

    [Fact]
    public async Task City_settings_are_refused_by_field_and_a_saved_calendar_is_a_new_policy_version()
    {
        var admin = await center.ClientFor("admin");
        var city = await admin.GetFromJsonAsync<JsonElement>("/api/admin/city");
        city.GetProperty("casePrefix").GetString().Should().Be("JY");
        var calendar = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(city.GetProperty("calendar").GetRawText())!;

        var bad = await Json(await admin.PutAsJsonAsync("/api/admin/city", new
        {
            name = "江阴市", timeZone = "Mars/Olympus", casePrefix = "J-Y",
            calendar = new { officeHours = new[] { new { from = "08:30", to = "12:00" } }, workingDays = new[] { "Monday" }, holidays = new[] { "2026-02-30" }, makeUpWorkdays = Array.Empty<string>() },
        }), HttpStatusCode.BadRequest);
        ErrorsAt(bad, "casePrefix").Should().NotBeEmpty();
        var versions = await admin.GetFromJsonAsync<JsonElement>("/api/admin/sla-policy/versions");
        var count = versions.GetArrayLength();

        var holidays = calendar["holidays"].EnumerateArray().Select(h => h.GetString()!).Append("2026-12-31").ToArray();
        var saved = await Json(await admin.PutAsJsonAsync("/api/admin/city", new
        {
            name = "江阴市", timeZone = "Asia/Shanghai", casePrefix = "JY",
            calendar = new { officeHours = calendar["officeHours"], workingDays = calendar["workingDays"], holidays, makeUpWorkdays = calendar["makeUpWorkdays"] },
        }), HttpStatusCode.OK);
        saved.GetProperty("calendar").GetProperty("holidays").EnumerateArray().Select(h => h.GetString()).Should().Contain("2026-12-31");
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/admin/sla-policy/versions");
        after.GetArrayLength().Should().Be(count + 1);
        after[0].GetProperty("savedBy").GetString().Should().Be("admin");
        var shown = await admin.GetFromJsonAsync<JsonElement>("/api/city");
        shown.GetProperty("calendar").GetProperty("holidays").EnumerateArray().Select(h => h.GetString()).Should().Contain("2026-12-31");

        // Each bad value at its own field.
        var badZone = await Json(await admin.PutAsJsonAsync("/api/admin/city", new
        {
            name = "江阴市", timeZone = "Mars/Olympus", casePrefix = "JY",
            calendar = new { officeHours = calendar["officeHours"], workingDays = calendar["workingDays"], holidays = new[] { "2026-02-30" }, makeUpWorkdays = calendar["makeUpWorkdays"] },
        }), HttpStatusCode.BadRequest);
        ErrorsAt(badZone, "timeZone").Should().NotBeEmpty();
        ErrorsAt(badZone, "calendar.holidays[0]").Should().NotBeEmpty();
    }

    [Fact]
    public async Task An_invitation_sets_the_password_once_under_the_strength_rule()
    {
        var admin = await center.ClientFor("admin");
        var created = await Json(await admin.PostAsJsonAsync("/api/admin/accounts", new { username = "night-desk", role = "operator", gridScope = "JY10" }), HttpStatusCode.Created);
        var code = created.GetProperty("invitation").GetProperty("code").GetString()!;
        created.GetProperty("invitation").GetProperty("link").GetString().Should().Be("/?invite=" + code);
        created.GetProperty("account").GetProperty("state").GetString().Should().Be("invited");
        var anonymous = center.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "night-desk", password = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var invitation = await anonymous.GetFromJsonAsync<JsonElement>($"/api/auth/invitation?code={Uri.EscapeDataString(code)}");
        invitation.GetProperty("username").GetString().Should().Be("night-desk");
        var weak = await Json(await anonymous.PostAsJsonAsync("/api/auth/invitation", new { code, password = "short1" }), HttpStatusCode.BadRequest);
        ErrorsAt(weak, "password").Single().Should().Contain("10 characters");
        var named = await Json(await anonymous.PostAsJsonAsync("/api/auth/invitation", new { code, password = "night-desk-2026" }), HttpStatusCode.BadRequest);
        ErrorsAt(named, "password").Single().Should().Contain("username");
        await Json(await anonymous.PostAsJsonAsync("/api/auth/invitation", new { code, password = "Lantern-river-42" }), HttpStatusCode.NoContent);
        await Json(await anonymous.PostAsJsonAsync("/api/auth/invitation", new { code, password = "Another-river-43" }), HttpStatusCode.NotFound);

        var desk = await center.ClientFor("night-desk", "Lantern-river-42");
        (await desk.GetAsync("/api/incidents?scope=JY10")).StatusCode.Should().Be(HttpStatusCode.OK);
        var accounts = await admin.GetFromJsonAsync<JsonElement>("/api/admin/accounts");
        var account = accounts.EnumerateArray().Single(a => a.GetProperty("username").GetString() == "night-desk");
        account.GetProperty("state").GetString().Should().Be("active");
        account.GetProperty("gridScope").GetString().Should().Be("JY10");

        // A person changes its own password later.
        var change = await Json(await desk.PostAsJsonAsync("/api/auth/password", new { currentPassword = "wrong-one-123", newPassword = "Harbour-lights-77" }), HttpStatusCode.BadRequest);
        ErrorsAt(change, "currentPassword").Should().NotBeEmpty();
        await Json(await desk.PostAsJsonAsync("/api/auth/password", new { currentPassword = "Lantern-river-42", newPassword = "Harbour-lights-77" }), HttpStatusCode.NoContent);
        (await desk.GetAsync("/api/incidents?scope=JY10")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a changed password ends the account's sessions");
        await center.ClientFor("night-desk", "Harbour-lights-77");

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit?subject=account:night-desk");
        audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Equal("account.password-change", "account.password-set", "account.create");
    }

    [Fact]
    public async Task A_reset_ends_the_old_password_and_the_sessions_and_a_disabled_account_cannot_sign_in()
    {
        var admin = await center.ClientFor("admin");
        var supervisor = await center.ClientFor("supervisor1");
        (await supervisor.GetAsync("/api/incidents")).StatusCode.Should().Be(HttpStatusCode.OK);

        var reset = await Json(await admin.PostAsync("/api/admin/accounts/supervisor1/invitation", null), HttpStatusCode.OK);
        (await supervisor.GetAsync("/api/incidents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the reset ended the session");
        var anonymous = center.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "supervisor1", password = CenterFactory.DemoPassword }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the old password no longer works");
        await Json(await anonymous.PostAsJsonAsync("/api/auth/invitation", new { code = reset.GetProperty("code").GetString(), password = "Fresh-start-2026" }), HttpStatusCode.NoContent);
        await center.ClientFor("supervisor1", "Fresh-start-2026");

        await Json(await admin.PostAsync("/api/admin/accounts/supervisor1/disable", null), HttpStatusCode.OK);
        var refused = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "supervisor1", password = "Fresh-start-2026" });
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("disabled");
        await Json(await admin.PostAsync("/api/admin/accounts/supervisor1/enable", null), HttpStatusCode.OK);
        await center.ClientFor("supervisor1", "Fresh-start-2026");
        (await admin.PostAsync("/api/admin/accounts/admin/disable", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_locked_account_is_listed_and_an_admin_lifts_the_lockout()
    {
        var anonymous = center.CreateClient();
        for (var i = 0; i < 5; i++) await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "operator-jy10", password = "wrong" });
        (await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "operator-jy10", password = CenterFactory.DemoPassword }))
            .StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        var admin = await center.ClientFor("admin");
        var locked = await admin.GetFromJsonAsync<JsonElement>("/api/admin/lockouts");
        locked.EnumerateArray().Select(l => l.GetProperty("username").GetString()).Should().Contain("operator-jy10");

        await Json(await admin.DeleteAsync("/api/admin/lockouts/operator-jy10"), HttpStatusCode.NoContent);
        await center.ClientFor("operator-jy10");
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/lockouts")).EnumerateArray().Should().NotContain(l => l.GetProperty("username").GetString() == "operator-jy10");
        (await admin.DeleteAsync("/api/admin/lockouts/operator-jy10")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_roster_file_is_refused_by_row_and_column_then_applied_whole_and_exported()
    {
        var admin = await center.ClientFor("admin");
        var current = await admin.GetByteArrayAsync("/api/admin/roster/export?format=csv");
        var text = Encoding.UTF8.GetString(current).TrimStart('\uFEFF').TrimEnd('\n', '\r');
        var bad = text + "\nM90001,周新,网格员,JY99-99,专职,13800000000\nM90002,吴明,网格长,JY01-01,兼职,\n";

        var preview = await Json(await Upload(admin, "/api/admin/roster/preview", bad, "roster.csv"), HttpStatusCode.OK);
        var lines = text.Split('\n').Length;
        var error = preview.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("row").GetInt32().Should().Be(lines + 1, "the header is row 1, as a spreadsheet counts");
        error.GetProperty("column").GetString().Should().Be("网格");
        error.GetProperty("message").GetString().Should().Contain("JY99-99");
        (await Json(await Upload(admin, "/api/admin/roster/apply", bad, "roster.csv"), HttpStatusCode.UnprocessableEntity))
            .GetProperty("applied").GetBoolean().Should().BeFalse();
        (await admin.GetAsync("/api/members/M90002")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing of a refused file is applied");

        var good = bad.Replace("JY99-99", "JY01-01");
        var applied = await Json(await Upload(admin, "/api/admin/roster/apply", good, "roster.csv"), HttpStatusCode.OK);
        applied.GetProperty("added").EnumerateArray().Select(m => m.GetProperty("id").GetString()).Should().Equal("M90001", "M90002");
        applied.GetProperty("changed").GetArrayLength().Should().Be(0);
        applied.GetProperty("left").GetArrayLength().Should().Be(0);
        var member = await admin.GetFromJsonAsync<JsonElement>("/api/members/M90002");
        member.GetProperty("role").GetString().Should().Be("GridLeader");
        var accounts = await admin.GetFromJsonAsync<JsonElement>("/api/admin/accounts");
        var account = accounts.EnumerateArray().Single(a => a.GetProperty("username").GetString() == "M90002");
        account.GetProperty("role").GetString().Should().Be("grid-leader");
        account.GetProperty("state").GetString().Should().Be("invited");

        // The same file again changes nothing; one member edited moves its grid and its account follows.
        var again = await Json(await Upload(admin, "/api/admin/roster/preview", good, "roster.csv"), HttpStatusCode.OK);
        (again.GetProperty("added").GetArrayLength() + again.GetProperty("changed").GetArrayLength() + again.GetProperty("left").GetArrayLength()).Should().Be(0);
        var moved = await Json(await admin.PutAsJsonAsync("/api/admin/members/M90001", new { gridId = "JY02-01", phone = "13800000001" }), HttpStatusCode.OK);
        moved.GetProperty("gridId").GetString().Should().Be("JY02-01");
        var badEdit = await Json(await admin.PutAsJsonAsync("/api/admin/members/M90001", new { role = "局长" }), HttpStatusCode.BadRequest);
        ErrorsAt(badEdit, "role").Should().NotBeEmpty();
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/accounts")).EnumerateArray()
            .Single(a => a.GetProperty("username").GetString() == "M90001").GetProperty("gridScope").GetString().Should().Be("JY02-01");

        // A member who leaves (its row gone): off the team, its account disabled.
        var without = string.Join('\n', good.Split('\n').Where(l => !l.StartsWith("M90001,")).Select(l => l));
        var left = await Json(await Upload(admin, "/api/admin/roster/apply", without, "roster.csv"), HttpStatusCode.OK);
        left.GetProperty("left").EnumerateArray().Select(m => m.GetProperty("id").GetString()).Should().Equal("M90001");
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/accounts")).EnumerateArray()
            .Single(a => a.GetProperty("username").GetString() == "M90001").GetProperty("state").GetString().Should().Be("disabled");
        var (lat, lon) = SampleCity.NextPoint();
        var operatorClient = await center.ClientFor("operator1");
        var reported = await Json(await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "路边垃圾", channel = "hotline" }), HttpStatusCode.Created);
        var refused = await Json(await operatorClient.PostAsJsonAsync($"/api/incidents/{reported.GetProperty("id").GetString()}/actions/dispatch", new { memberId = "M90001" }), HttpStatusCode.BadRequest);
        ErrorsAt(refused, "memberId").Single().Should().Contain("on the roster", "a member who left takes no new work");
        var exported = Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/api/admin/roster/export?format=csv"));
        exported.Should().Contain("M90002").And.NotContain("M90001");
        (await admin.GetAsync("/api/admin/roster/export?format=xlsx")).Content.Headers.ContentType!.MediaType.Should().Contain("spreadsheetml");
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit?subject=member:M90001");
        audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Equal("member.leave", "member.update", "member.add");
    }

    [Fact]
    public async Task A_grid_file_is_previewed_with_every_bad_feature_named_and_changes_nothing()
    {
        var admin = await center.ClientFor("admin");
        var exported = await admin.GetStringAsync("/api/admin/grids/export");
        var good = await Json(await admin.PostAsync("/api/admin/grids/preview", new StringContent(exported, Encoding.UTF8, "application/geo+json")), HttpStatusCode.OK);
        good.GetProperty("accepted").GetBoolean().Should().BeTrue();
        good.GetProperty("levels").EnumerateArray().Single(l => l.GetProperty("level").GetInt32() == 1).GetProperty("grids").GetInt32().Should().Be(18);

        var version = (await admin.GetFromJsonAsync<JsonElement>("/health")).GetProperty("gridVersion").GetString();
        var broken = exported.Replace("\"parentId\":\"JY01\"", "\"parentId\":\"JY77\"");
        var preview = await Json(await admin.PostAsync("/api/admin/grids/preview", new StringContent(broken, Encoding.UTF8, "application/geo+json")), HttpStatusCode.OK);
        preview.GetProperty("accepted").GetBoolean().Should().BeFalse();
        var problems = preview.GetProperty("problems").EnumerateArray().ToList();
        problems.Where(p => p.GetProperty("problem").GetString()!.Contains("JY77")).Should().HaveCount(11, "JY01 has 11 villages, each named")
            .And.OnlyContain(p => p.GetProperty("featureIndex").GetInt32() > 0 && p.GetProperty("gridId").GetString()!.StartsWith("JY01-"));
        (await admin.GetFromJsonAsync<JsonElement>("/health")).GetProperty("gridVersion").GetString().Should().Be(version, "a preview imports nothing");

        // The same file imported again is the same version: nothing changed, nothing audited; an import that changes it is audited.
        (await admin.PostAsync("/api/grids/import", new StringContent(exported, Encoding.UTF8, "application/geo+json"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit?subject=grids")).GetArrayLength().Should().Be(0);
        var renamed = exported.Replace("\"name\":\"澄江街道\"", "\"name\":\"澄江街道（新）\"");
        (await admin.PostAsync("/api/grids/import", new StringContent(renamed, Encoding.UTF8, "application/geo+json"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit?subject=grids");
        audit.EnumerateArray().Single().GetProperty("action").GetString().Should().Be("grids.import");
        audit[0].GetProperty("before").GetString().Should().Contain(version!);
        // Back as it was, for the other tests of this class.
        (await admin.PostAsync("/api/grids/import", new StringContent(exported, Encoding.UTF8, "application/geo+json"))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_audit_trail_exports_as_csv_with_who_what_and_when()
    {
        var admin = await center.ClientFor("admin");
        await Json(await admin.PostAsJsonAsync("/api/admin/accounts", new { username = "audit-probe", role = "supervisor" }), HttpStatusCode.Created);
        var response = await admin.GetAsync("/api/admin/audit/export?subject=account:audit-probe");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows.Should().HaveCount(2);
        rows[1].Should().Contain("admin").And.Contain("account.create").And.Contain("account:audit-probe");
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, string path, string text, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return client.PostAsync(path, form);
    }
}
