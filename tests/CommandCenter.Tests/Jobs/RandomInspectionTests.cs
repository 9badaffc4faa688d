using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Jobs;

/// <summary>
/// 双随机一公开 on a center whose clock the test holds (10 Nov 2026): handled cases in 徐霞客镇 (JY10, quota 3 a month) and
/// filed ones in 澄江街道 (JY01, its own quota 1), drawn by the job over several runs; the drawn inspector checks its case
/// and records the result, a failure sends a handled case back or opens a new case, and the public feed publishes it
/// without a person's id, name or phone, a note or a photo.
/// </summary>
[Trait("Category", "InProcess")]
public sealed class RandomInspectionTests(RandomInspectionTests.City city) : IClassFixture<RandomInspectionTests.City>
{
    private const string FailedNote = "垃圾未清运干净-督查备注";
    private const string PassedNote = "现场已整改-督查备注";

    [Fact]
    public async Task Quotas_hold_over_several_runs_of_a_month_and_nobody_is_drawn_for_its_own_grid()
    {
        var tasks = await city.Tasks();

        tasks.Where(t => t.Town == "JY10").Should().HaveCount(3, "JY10 has four handled cases and the month's quota is 3");
        tasks.Where(t => t.Town == "JY01").Should().HaveCount(1, "JY01's own quota is 1 (Inspections:PerTown:JY01)");
        tasks.Should().HaveCount(4);
        tasks.Select(t => t.IncidentId).Should().OnlyHaveUniqueItems();
        city.Runs.Select(r => r.GetProperty("drawn").GetArrayLength()).Should().Equal([2, 1, 1, 0], "one per town and run, until the quotas are reached");
        foreach (var task in tasks)
        {
            var home = City.Roster[task.InspectorId].GridId;
            City.Roster[task.InspectorId].Role.Should().Be("Supervisor");
            SampleCity.Hierarchy.IsWithin(task.GridId, home).Should().BeFalse($"{task.InspectorId} (home {home}) must not check {task.IncidentId} in {task.GridId}");
        }
    }

    [Fact]
    public async Task The_drawn_inspector_sees_its_case_records_a_result_with_a_photo_once_and_nobody_else_may()
    {
        var task = (await city.Tasks()).Where(t => t.Town == "JY10").OrderBy(t => t.Id).First();
        var inspector = await city.Center.ClientFor(task.InspectorId);
        var otherInspector = await city.Center.ClientFor(City.Roster.Values.First(m => m.Role == "Supervisor" && m.Id != task.InspectorId && m.GridId != "JY10").Id);

        var mine = await inspector.GetFromJsonAsync<JsonElement>("/api/inspections");
        var view = await inspector.GetFromJsonAsync<JsonElement>($"/api/inspections/{task.Id}");
        var incidentItself = await inspector.GetAsync($"/api/incidents/{task.IncidentId}");

        mine.EnumerateArray().Should().OnlyContain(t => t.GetProperty("inspectorId").GetString() == task.InspectorId).And.Contain(t => t.GetProperty("id").GetString() == task.Id);
        view.GetProperty("state").GetString().Should().Be("drawn");
        view.GetProperty("mayRecord").GetBoolean().Should().BeTrue();
        view.GetProperty("dueAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), "due by the end of the month, city time");
        var facts = view.GetProperty("case");
        facts.GetProperty("id").GetString().Should().Be(task.IncidentId);
        facts.GetProperty("state").GetString().Should().Be("handled");
        facts.GetProperty("categoryName").GetString().Should().NotBeNullOrEmpty();
        facts.GetProperty("description").GetString().Should().Be(City.Description);
        facts.GetProperty("address").GetString().Should().Be(City.Address);
        facts.GetProperty("lat").GetDouble().Should().BeInRange(31, 32);
        facts.GetProperty("grids").EnumerateArray().Select(g => g.GetProperty("id").GetString()).Should().Contain("JY10");
        facts.GetProperty("grids").EnumerateArray().Should().Contain(g => g.GetProperty("name").GetString() == "徐霞客镇");
        facts.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("action").GetString()).Should().Contain("resolve");
        facts.GetProperty("photos").EnumerateArray().Should().ContainSingle("the handler's photo is there to compare");
        view.GetRawText().Should().NotContain(City.CallerPhone).And.NotContain(City.CallerName);
        incidentItself.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the task shows the case's facts; the incident itself stays outside the inspector's grid");
        (await otherInspector.GetAsync($"/api/inspections/{task.Id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await otherInspector.GetFromJsonAsync<JsonElement>("/api/inspections")).EnumerateArray().Should().NotContain(t => t.GetProperty("id").GetString() == task.Id);

        var photo = await city.Upload(inspector);
        var byOther = await otherInspector.PostAsJsonAsync($"/api/inspections/{task.Id}/result", new { passed = true });
        var byOperator = await (await city.Center.ClientFor("operator1")).PostAsJsonAsync($"/api/inspections/{task.Id}/result", new { passed = true });
        var noVerdict = await inspector.PostAsJsonAsync($"/api/inspections/{task.Id}/result", new { note = "?" });
        var unknownPhoto = await inspector.PostAsJsonAsync($"/api/inspections/{task.Id}/result", new { passed = true, photos = new[] { "0123456789abcdef0123456789abcdef.png" } });
        var halfPosition = await inspector.PostAsJsonAsync($"/api/inspections/{task.Id}/result", new { passed = true, lat = 31.75 });
        var recorded = await inspector.PostAsJsonAsync($"/api/inspections/{task.Id}/result", new { passed = true, note = PassedNote, photos = new[] { photo }, lat = 31.7538, lon = 120.3435 });
        var again = await inspector.PostAsJsonAsync($"/api/inspections/{task.Id}/result", new { passed = false, note = "again" });

        byOther.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        byOperator.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await BadField(noVerdict, "passed");
        await BadField(unknownPhoto, "photos");
        await BadField(halfPosition, "lon");
        recorded.StatusCode.Should().Be(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var result = (await inspector.GetFromJsonAsync<JsonElement>($"/api/inspections/{task.Id}")).GetProperty("result");
        result.GetProperty("passed").GetBoolean().Should().BeTrue();
        result.GetProperty("note").GetString().Should().Be(PassedNote);
        result.GetProperty("photos").EnumerateArray().Select(p => p.GetString()).Should().Equal($"/api/photos/{photo}");
        result.GetProperty("recordedBy").GetString().Should().Be(task.InspectorId);
        result.GetProperty("recordedAt").GetDateTimeOffset().Should().Be(city.Clock.GetUtcNow());
        result.GetProperty("followUp").ValueKind.Should().Be(JsonValueKind.Null, "a passed check changes nothing");
        (await (await city.Center.ClientFor("admin")).GetFromJsonAsync<JsonElement>($"/api/incidents/{task.IncidentId}")).GetProperty("state").GetString()
            .Should().Be("handled");
    }

    [Fact]
    public async Task A_failed_check_sends_a_handled_case_back_and_turns_a_closed_one_into_a_new_case()
    {
        var tasks = await city.Tasks();
        var handled = tasks.Where(t => t.Town == "JY10").OrderBy(t => t.Id).Skip(1).First();
        var filed = tasks.Single(t => t.Town == "JY01");
        var admin = await city.Center.ClientFor("admin");

        var noNote = await (await city.Center.ClientFor(handled.InspectorId)).PostAsJsonAsync($"/api/inspections/{handled.Id}/result", new { passed = false });
        var rework = await (await city.Center.ClientFor(handled.InspectorId)).PostAsJsonAsync($"/api/inspections/{handled.Id}/result", new { passed = false, note = FailedNote });
        var newCase = await (await city.Center.ClientFor(filed.InspectorId)).PostAsJsonAsync($"/api/inspections/{filed.Id}/result", new { passed = false, note = FailedNote });

        await BadField(noNote, "note");
        rework.StatusCode.Should().Be(HttpStatusCode.OK, await rework.Content.ReadAsStringAsync());
        var reworkResult = (await rework.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
        reworkResult.GetProperty("followUp").GetString().Should().Be("rework");
        reworkResult.GetProperty("followUpIncidentId").GetString().Should().Be(handled.IncidentId);
        var sentBack = await admin.GetFromJsonAsync<JsonElement>($"/api/incidents/{handled.IncidentId}");
        sentBack.GetProperty("reworks").GetInt32().Should().Be(1);
        sentBack.GetProperty("state").GetString().Should().Be("handling");
        var verify = sentBack.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("action").GetString() == "verify");
        verify.GetProperty("actor").GetString().Should().Be(handled.InspectorId);
        verify.GetProperty("note").GetString().Should().Contain(FailedNote).And.Contain(handled.Id);

        newCase.StatusCode.Should().Be(HttpStatusCode.OK, await newCase.Content.ReadAsStringAsync());
        var newResult = (await newCase.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
        newResult.GetProperty("followUp").GetString().Should().Be("new-case");
        var opened = newResult.GetProperty("followUpIncidentId").GetString()!;
        opened.Should().NotBe(filed.IncidentId);
        var original = await admin.GetFromJsonAsync<JsonElement>($"/api/incidents/{filed.IncidentId}");
        var fresh = await admin.GetFromJsonAsync<JsonElement>($"/api/incidents/{opened}");
        original.GetProperty("state").GetString().Should().Be("filed", "a closed case stays closed");
        fresh.GetProperty("category").GetString().Should().Be(original.GetProperty("category").GetString());
        fresh.GetProperty("gridId").GetString().Should().Be(original.GetProperty("gridId").GetString());
        fresh.GetProperty("lat").GetDouble().Should().Be(original.GetProperty("lat").GetDouble());
        fresh.GetProperty("description").GetString().Should().Contain(filed.IncidentId).And.Contain(FailedNote);
        fresh.GetProperty("timeline")[0].GetProperty("actor").GetString().Should().Be(filed.InspectorId, "reported by the inspector");
    }

    [Fact]
    public async Task The_public_feed_publishes_the_month_per_town_without_anybodys_data()
    {
        var task = (await city.Tasks()).Where(t => t.Town == "JY10").OrderBy(t => t.Id).Last();
        var inspector = await city.Center.ClientFor(task.InspectorId);
        var photo = await city.Upload(inspector);
        (await inspector.PostAsJsonAsync($"/api/inspections/{task.Id}/result", new { passed = false, note = FailedNote, photos = new[] { photo } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var anonymous = city.Center.CreateClient();

        var answer = await anonymous.GetAsync("/api/public/inspections?month=2026-11");
        var text = await answer.Content.ReadAsStringAsync();
        var town = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/inspections?town=JY10");

        answer.StatusCode.Should().Be(HttpStatusCode.OK, text);
        var feed = JsonDocument.Parse(text).RootElement;
        feed.GetProperty("month").GetString().Should().Be("2026-11");
        var jy10 = feed.GetProperty("towns").EnumerateArray().Single(t => t.GetProperty("townId").GetString() == "JY10");
        jy10.GetProperty("townName").GetString().Should().Be("徐霞客镇");
        jy10.GetProperty("drawn").GetInt32().Should().Be(3);
        jy10.GetProperty("checked").GetInt32().Should().Be(jy10.GetProperty("passed").GetInt32() + jy10.GetProperty("failed").GetInt32());
        jy10.GetProperty("failed").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        var published = jy10.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("caseNumber").GetString() == task.IncidentId);
        published.GetProperty("passed").GetBoolean().Should().BeFalse();
        published.GetProperty("checkedOn").GetString().Should().Be("2026-11-10");
        published.GetProperty("townName").GetString().Should().Be("徐霞客镇");
        published.GetProperty("category").GetString().Should().Be("E0102");
        published.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["caseNumber", "category", "categoryName", "townName", "checkedOn", "passed"]);
        feed.GetProperty("towns").GetArrayLength().Should().Be(18, "every town and street of the city, drawn or not");
        town.GetProperty("towns").EnumerateArray().Select(t => t.GetProperty("townId").GetString()).Should().Equal("JY10");

        // Nobody's data: every member the city's cases and checks involve, the callers, the notes and the photos.
        var people = (await city.Tasks()).Select(t => t.InspectorId).Concat(City.Handlers).Distinct().Select(id => City.Roster[id]).ToList();
        foreach (var secret in people.SelectMany(p => new[] { p.Id, p.Name, p.Phone })
                     .Concat([City.CallerName, City.CallerPhone, FailedNote, PassedNote, City.Description, City.Address, "operator1", "admin"]).Concat(city.Photos))
            text.Should().NotContain(secret);
        text.Should().NotContainAny("inspector", "note", "photo", "lat", "lon");
    }

    [Theory]
    [InlineData("month=2026-13", "month")]
    [InlineData("month=11-2026", "month")]
    [InlineData("month=%F0%9F%98%80", "month")]
    [InlineData("town=JY99", "town")]
    [InlineData("town=JY10-01", "town")]
    public async Task A_bad_public_question_is_a_400_naming_the_field(string query, string field)
    {
        var response = await city.Center.CreateClient().GetAsync($"/api/public/inspections?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_public_page_is_served_without_sign_in_under_the_pages_policy()
    {
        var client = city.Center.CreateClient();

        var page = await client.GetAsync("/public/inspections");
        var script = await client.GetAsync("/public/inspections.js");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'");
        (await page.Content.ReadAsStringAsync()).Should().Contain("/public/inspections.js").And.Contain("双随机一公开");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        (await script.Content.ReadAsStringAsync()).Should().Contain("/api/public/inspections");
    }

    [Fact]
    public async Task Configured_for_new_cases_a_failed_check_of_a_handled_case_opens_one_and_the_feed_is_rate_limited()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 10, 1, 0, 0, TimeSpan.Zero));
        using var center = new CenterFactory(null, clock, new Dictionary<string, string>
        {
            ["Inspections:OnFailure"] = "new-case",
            ["RateLimits:PublicIntakePerMinute"] = "3",
        });
        var desk = await center.ClientFor("operator1");
        var worker = await center.ClientFor("M01124");
        var (lat, lon) = SampleCity.NextPoint();
        var id = (await (await desk.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = City.Description, channel = "hotline" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await desk.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M01124" })).EnsureSuccessStatusCode();
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "已清运" })).EnsureSuccessStatusCode();
        var admin = await center.ClientFor("admin");
        var task = (await (await admin.PostAsync("/api/jobs/random-inspection/run", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("result").GetProperty("drawn").EnumerateArray().Single();

        var failed = await (await center.ClientFor(task.GetProperty("inspectorId").GetString()!))
            .PostAsJsonAsync($"/api/inspections/{task.GetProperty("id").GetString()}/result", new { passed = false, note = FailedNote });

        failed.StatusCode.Should().Be(HttpStatusCode.OK, await failed.Content.ReadAsStringAsync());
        var result = (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
        result.GetProperty("followUp").GetString().Should().Be("new-case");
        var opened = result.GetProperty("followUpIncidentId").GetString()!;
        opened.Should().NotBe(id);
        result.GetProperty("followUpProblem").ValueKind.Should().Be(JsonValueKind.Null);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("state").GetString().Should().Be("handled", "new-case leaves the case itself alone");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/incidents/{opened}")).GetProperty("description").GetString().Should().Contain(id);

        var anonymous = center.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) answers.Add(await anonymous.GetAsync("/api/public/inspections"));
        answers.Take(3).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK);
        answers[3].StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        answers[3].Headers.RetryAfter.Should().NotBeNull();
    }

    private static async Task BadField(HttpResponseMessage response, string field)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(field);
    }

    public sealed record DrawnTask(string Id, string InspectorId, string IncidentId, string GridId, string Town);

    public sealed record RosterMember(string Id, string Name, string Role, string GridId, string Phone);

    /// <summary>The center, its clock, the cases and four runs of the draw, made once for the class.</summary>
    public sealed class City : IAsyncLifetime
    {
        public const string Description = "桥下堆放垃圾-抽查用例";
        public const string Address = "南街桥下";
        public const string CallerName = "王抽查";
        public const string CallerPhone = "13811112222";
        public static readonly string[] Handlers = ["M01124", "M00011"];   // a worker of JY10, a worker of JY01

        public static readonly IReadOnlyDictionary<string, RosterMember> Roster =
            JsonSerializer.Deserialize<List<RosterMember>>(File.ReadAllText(Path.Combine(Repo.SampleCity, "roster.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!
                .ToDictionary(m => m.Id);

        // Tuesday 10 Nov 2026, 09:00 in Jiangyin.
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 10, 1, 0, 0, TimeSpan.Zero));
        public CenterFactory Center { get; }
        public List<JsonElement> Runs { get; } = [];
        public List<string> Photos { get; } = [];

        public City() => Center = new CenterFactory(null, Clock, new Dictionary<string, string>
        {
            ["Inspections:PerTownPerMonth"] = "3",
            ["Inspections:PerTown:JY01"] = "1",
            ["Inspections:OnFailure"] = "rework",
        });

        public async Task InitializeAsync()
        {
            var desk = await Center.ClientFor("operator1");
            var supervisor = await Center.ClientFor("supervisor1");
            for (var i = 0; i < 4; i++) await Walk(desk, supervisor, SampleCity.NextPoint(), "M01124", filed: false);
            foreach (var point in JY01Points().Take(2)) await Walk(desk, supervisor, point, "M00011", filed: true);
            var admin = await Center.ClientFor("admin");
            for (var run = 0; run < 4; run++)
            {
                Clock.Advance(TimeSpan.FromMinutes(1));
                var answer = await admin.PostAsync("/api/jobs/random-inspection/run", null);
                answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
                Runs.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result"));
            }
        }

        public Task DisposeAsync()
        {
            Center.Dispose();
            return Task.CompletedTask;
        }

        public async Task<List<DrawnTask>> Tasks() =>
            (await (await Center.ClientFor("admin")).GetFromJsonAsync<JsonElement>("/api/inspections")).EnumerateArray()
                .Select(t => new DrawnTask(t.GetProperty("id").GetString()!, t.GetProperty("inspectorId").GetString()!, t.GetProperty("incidentId").GetString()!,
                    t.GetProperty("gridId").GetString()!, t.GetProperty("townId").GetString()!))
                .ToList();

        public async Task<string> Upload(HttpClient client)
        {
            var file = new ByteArrayContent(Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            var upload = await client.PostAsync("/api/photos", new MultipartFormDataContent { { file, "file", "check.png" } });
            upload.StatusCode.Should().Be(HttpStatusCode.Created);
            var name = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photo").GetString()!;
            Photos.Add(name);
            return name;
        }

        private async Task Walk(HttpClient desk, HttpClient supervisor, (double Lat, double Lon) point, string handler, bool filed)
        {
            var created = await desk.PostAsJsonAsync("/api/incidents", new
            {
                category = "E0102", lat = point.Lat, lon = point.Lon, description = Description, address = Address, channel = "hotline",
                callerName = CallerName, callerPhone = CallerPhone,
            });
            created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var worker = await Center.ClientFor(handler);
            await Act(desk, id, "dispatch", new { memberId = handler });
            await Act(worker, id, "accept", new { });
            await Act(worker, id, "resolve", new { note = "已清运", photos = new[] { await Upload(worker) } });
            if (!filed) return;
            await Act(supervisor, id, "verify", new { passed = true });
            await Act(desk, id, "evaluate", new { satisfaction = 5 });
        }

        private static async Task Act(HttpClient client, string id, string action, object body)
        {
            var response = await client.PostAsJsonAsync($"/api/incidents/{id}/actions/{action}", body);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        }

        /// <summary>Points of 澄江街道 (JY01) 300 m apart, north of its centre.</summary>
        private static IEnumerable<(double Lat, double Lon)> JY01Points()
        {
            for (var i = 0; i < 40; i++)
            {
                var (lat, lon) = (31.9017 + 0.0027 * (i % 5), 120.2824 + 0.0032 * (i / 5));
                if (SampleCity.Index.Locate(lat, lon) is { } located && located.Chain.Any(g => g.Id == "JY01")) yield return (lat, lon);
            }
        }
    }
}
