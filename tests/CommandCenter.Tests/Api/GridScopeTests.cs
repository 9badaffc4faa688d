using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Auth;
using CommandCenter.Grains.Accounts;
using CommandCenter.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Api;

/// <summary>
/// The town desks of 徐霞客镇 (JY10: operator-jy10, and a supervisor scoped the same way) ask, route by route, about
/// another town (澄江街道 JY01: its incident, its member M00001, its grid): each answer is a 403 naming the desk's
/// scope, or holds nothing of the other town, as docs/authorization.md's grid scope table says.
/// </summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class GridScopeTests(CenterFactory center)
{
    private const string TownSupervisor = "supervisor-jy10-scope-tests";
    private const string OtherTownMember = "M00001";          // home grid JY01
    private const double OtherTownLat = 31.9017, OtherTownLon = 120.2824;   // 澄江街道 (JY01)
    /// <summary>
    /// Scoped routes proved by the facts below rather than by a row of the refusal theory: lists that come back
    /// narrowed, reporting and dispatching, and the hub. GridScopeRouteTests checks that every scoped route is proved.
    /// </summary>
    public static readonly IReadOnlyList<string> ProvedByFacts =
    [
        "GET /api/incidents", "GET /api/incidents/nearby", "POST /api/incidents", "GET /api/members", "GET /api/exports/incidents.csv", "GET /api/exports/incidents.geojson",
        "GET /api/reports/{date}", "GET /api/inspections", "GET /api/inspections/{taskId}", "POST /api/inspections/{taskId}/result", "GET /api/wall/snapshot", "GET /api/grids/{id}", "GET /api/kpis", "GET /api/replay",
        "ANY /hubs/center", "ANY /hubs/center/negotiate", "HUB Follow", "HUB Acknowledge",
    ];

    private static string Window => $"from={Instants.Query(DateTimeOffset.UtcNow.AddHours(-2))}&to={Instants.Query(DateTimeOffset.UtcNow.AddHours(1))}";
    private static string Today => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");

    [Theory]
    [InlineData("operator-jy10", "GET", "/api/incidents/{other}")]
    [InlineData("operator-jy10", "GET", "/api/incidents/{other}/events")]
    [InlineData("operator-jy10", "GET", "/api/incidents/{other}/recommendations")]
    [InlineData("operator-jy10", "POST", "/api/incidents/{other}/actions/supervise")]
    [InlineData("operator-jy10", "GET", "/api/incidents?grid=JY01")]
    [InlineData("operator-jy10", "GET", "/api/return-visits?scope=JY01")]
    [InlineData("operator-jy10", "GET", "/api/return-visits/unanswered?scope=JY01")]
    [InlineData("operator-jy10", "GET", "/api/members?grid=JY01")]
    [InlineData("operator-jy10", "GET", "/api/members/M00001")]
    [InlineData("operator-jy10", "PUT", "/api/members/M00001/duty")]
    [InlineData("operator-jy10", "POST", "/api/members/M00001/locations")]
    [InlineData("operator-jy10", "GET", "/api/members/M00001/track")]
    [InlineData("operator-jy10", "GET", "/api/members/M00001/patrol")]
    [InlineData("operator-jy10", "GET", "/api/members/M00001/reports")]
    [InlineData("operator-jy10", "GET", "/api/wall/snapshot?scope=JY01")]
    [InlineData("operator-jy10", "GET", "/api/wall/snapshot?member=M00001")]
    [InlineData("operator-jy10", "GET", "/api/exports/incidents.csv?scope=JY01&{window}")]
    [InlineData("operator-jy10", "GET", "/api/exports/incidents.geojson?scope=JY01&{window}")]
    [InlineData("operator-jy10", "GET", "/api/exports/incidents.xlsx?grid=JY01&{window}")]
    [InlineData("operator-jy10", "GET", "/api/reports/{today}/JY01.csv")]
    [InlineData("operator-jy10", "GET", "/api/reports/{today}/JY01.json")]
    [InlineData(TownSupervisor, "GET", "/api/replay?scope=JY01&{window}")]
    [InlineData(TownSupervisor, "GET", "/api/kpis?scope=JY01&{window}")]
    [InlineData(TownSupervisor, "GET", "/api/kpis/cases?scope=JY01&kpi=handledOnTime&{window}")]
    [InlineData(TownSupervisor, "GET", "/api/kpis/activity?scope=JY01&{window}")]
    [InlineData(TownSupervisor, "GET", "/api/kpis/export?scope=JY01&{window}")]
    [InlineData(TownSupervisor, "GET", "/api/assessments?scope=JY01&period=2026-11")]
    [InlineData(TownSupervisor, "GET", "/api/assessments/export?scope=JY01&period=2026-11")]
    [InlineData(TownSupervisor, "POST", "/api/kpis/what-if")]
    [InlineData(TownSupervisor, "POST", "/api/kpis/what-if/draft")]
    [InlineData(TownSupervisor, "GET", "/api/scopes/JY01/state?at={now}")]
    [InlineData(TownSupervisor, "GET", "/api/incidents/{other}/state?at={now}")]
    [InlineData(TownSupervisor, "GET", "/api/dossiers/members/M00001")]
    [InlineData(TownSupervisor, "GET", "/api/dossiers/grids/JY01")]
    public async Task A_town_desk_asking_about_another_town_is_refused_naming_its_scope(string username, string method, string route)
    {
        var client = await Client(username);
        var path = route.Replace("{other}", await OtherTownIncident()).Replace("{window}", Window).Replace("{today}", Today)
            .Replace("{now}", Instants.Query(DateTimeOffset.UtcNow));

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(path) });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("gridScope").GetString().Should().Be("JY10");
        problem.GetProperty("detail").GetString().Should().Contain("JY10");
    }

    [Fact]
    public async Task A_town_desk_reports_only_at_points_in_its_town()
    {
        var town = await Client("operator-jy10");

        var elsewhere = await town.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat = OtherTownLat, lon = OtherTownLon, description = "澄江", channel = "hotline" });
        var nowhere = await town.PostAsJsonAsync("/api/incidents", new { category = "E0102", description = "no position", channel = "hotline" });
        var (lat, lon) = SampleCity.NextPoint();
        var inTown = await town.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "镇内", channel = "hotline" });

        elsewhere.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        nowhere.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        inTown.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_town_desk_dispatches_its_incident_only_to_members_of_its_town()
    {
        var town = await Client("operator-jy10");
        var id = await Report(town, SampleCity.NextPoint());

        var toOtherTown = await town.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = OtherTownMember });
        var split = await town.PostAsJsonAsync($"/api/incidents/{id}/actions/split",
            new { tasks = new[] { new { platform = "PublicSafety", memberId = OtherTownMember }, new { platform = "LawEnforcement", memberId = "M01117" } } });
        var recommended = await town.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/recommendations");
        var toOwnTown = await town.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M01124" });

        toOtherTown.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await toOtherTown.Content.ReadAsStringAsync()).Should().Contain(OtherTownMember);
        split.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        recommended.GetProperty("candidates").EnumerateArray().Concat(recommended.GetProperty("excluded").EnumerateArray())
            .Should().OnlyContain(c => Home(c.GetProperty("memberId").GetString()!).StartsWith("JY10"));
        toOwnTown.StatusCode.Should().Be(HttpStatusCode.OK, await toOwnTown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_town_desks_lists_hold_nothing_of_another_town()
    {
        await OtherTownIncident();
        var town = await Client("operator-jy10");
        var inTown = await Report(town, SampleCity.NextPoint());
        await (await center.ClientFor("admin")).PostAsync("/api/jobs/random-inspection/run", null);
        await (await center.ClientFor("admin")).PostAsync($"/api/jobs/daily-report/run?date={Today}", null);

        var incidents = await town.GetFromJsonAsync<JsonElement>("/api/incidents?pageSize=500");
        var members = await town.GetFromJsonAsync<JsonElement>("/api/members");
        var csv = await town.GetStringAsync($"/api/exports/incidents.csv?{Window}");
        var geojson = await town.GetFromJsonAsync<JsonElement>($"/api/exports/incidents.geojson?{Window}");
        var reports = await town.GetFromJsonAsync<string[]>($"/api/reports/{Today}");
        var inspections = await town.GetFromJsonAsync<JsonElement>("/api/inspections");
        var snapshot = await town.GetFromJsonAsync<JsonElement>("/api/wall/snapshot");
        var visits = await town.GetFromJsonAsync<JsonElement>("/api/return-visits");
        var unanswered = await town.GetFromJsonAsync<JsonElement>("/api/return-visits/unanswered");
        var otherGrid = await town.GetFromJsonAsync<JsonElement>("/api/grids/JY01");
        var ownGrid = await town.GetFromJsonAsync<JsonElement>("/api/grids/JY10-01");

        static bool InTown(string? gridId) => gridId?.StartsWith("JY10", StringComparison.Ordinal) == true;
        incidents.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Contain(inTown);
        incidents.GetProperty("items").EnumerateArray().Where(i => !InTown(i.GetProperty("gridId").GetString())).Should().BeEmpty();
        members.EnumerateArray().Should().NotBeEmpty();
        members.EnumerateArray().Where(m => !InTown(m.GetProperty("gridId").GetString())).Should().BeEmpty();
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        rows.Should().Contain(row => row.StartsWith(inTown + ","));
        rows.Where(row => !InTown(row.Split(',')[6])).Should().BeEmpty();
        geojson.GetProperty("features").EnumerateArray().Where(f => !InTown(f.GetProperty("properties").GetProperty("gridId").GetString())).Should().BeEmpty();
        reports.Should().BeEquivalentTo(["JY10.csv", "JY10.json"]);
        inspections.EnumerateArray().Where(t => !InTown(t.GetProperty("gridId").GetString())).Should().BeEmpty();
        snapshot.GetProperty("channel").GetString().Should().Be("scope:JY10");
        visits.GetProperty("items").EnumerateArray().Concat(unanswered.GetProperty("items").EnumerateArray())
            .Where(v => !InTown(v.GetProperty("gridId").GetString())).Should().BeEmpty();
        otherGrid.GetProperty("properties").GetProperty("memberIds").EnumerateArray().Should().BeEmpty();
        ownGrid.GetProperty("properties").GetProperty("memberIds").EnumerateArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_town_desk_neither_sees_nor_records_another_towns_inspection()
    {
        var task = await OtherTownInspection();

        foreach (var username in new[] { "operator-jy10", TownSupervisor })
        {
            var desk = await Client(username);
            var seen = await desk.GetAsync($"/api/inspections/{task}");
            var recorded = await desk.PostAsJsonAsync($"/api/inspections/{task}/result", new { passed = true });

            foreach (var response in new[] { seen, recorded })
            {
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                problem.GetProperty("gridScope").GetString().Should().Be("JY10");
                problem.GetProperty("detail").GetString().Should().Contain("JY10");
            }
        }
        (await (await center.ClientFor("supervisor1")).GetAsync($"/api/inspections/{task}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>A 双随机 task of 澄江街道 (JY01): a handled case there, drawn by the job (one per town and run).</summary>
    private async Task<string> OtherTownInspection()
    {
        var desk = await center.ClientFor("operator1");
        var admin = await center.ClientFor("admin");
        var at = Enumerable.Range(1, 20).Select(i => (Lat: OtherTownLat + 0.0027 * i, Lon: OtherTownLon))
            .First(p => SampleCity.Index.Locate(p.Lat, p.Lon)?.Chain.Any(g => g.Id == "JY01") == true);
        var id = (await (await desk.PostAsJsonAsync("/api/incidents", new { category = "E0101", lat = at.Lat, lon = at.Lon, description = "scope test", channel = "hotline" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var worker = await center.ClientFor("M00011");
        (await desk.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = "M00011" })).EnsureSuccessStatusCode();
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/accept", new { })).EnsureSuccessStatusCode();
        (await worker.PostAsJsonAsync($"/api/incidents/{id}/actions/resolve", new { note = "scope test" })).EnsureSuccessStatusCode();
        for (var run = 0; run < 4; run++)
        {
            var tasks = await admin.GetFromJsonAsync<JsonElement>("/api/inspections");
            if (tasks.EnumerateArray().FirstOrDefault(t => t.GetProperty("townId").GetString() == "JY01") is { ValueKind: JsonValueKind.Object } drawn)
                return drawn.GetProperty("id").GetString()!;
            if (run < 3) (await admin.PostAsync("/api/jobs/random-inspection/run", null)).EnsureSuccessStatusCode();
        }
        throw new InvalidOperationException("No inspection of JY01 was drawn.");
    }

    [Fact]
    public async Task A_town_supervisors_KPIs_and_replay_cover_its_town_when_no_scope_is_asked()
    {
        await OtherTownIncident();
        var supervisor = await Client(TownSupervisor);

        var kpis = await supervisor.GetFromJsonAsync<JsonElement>($"/api/kpis?{Window}");
        var replay = await supervisor.GetStringAsync($"/api/replay?{Window}");

        kpis.GetProperty("scope").GetString().Should().Be("JY10");
        replay.Should().NotContain("\"JY01");
    }

    [Fact]
    public async Task A_town_desk_follows_neither_another_towns_scope_nor_its_member_on_the_hub()
    {
        var other = await OtherTownIncident();
        await using var hub = await Hub("operator-jy10");

        await hub.Invoking(h => h.InvokeAsync<JsonElement>("Follow", "scope:JY01")).Should().ThrowAsync<HubException>().WithMessage("*JY10*");
        await hub.Invoking(h => h.InvokeAsync<JsonElement>("Follow", "member:" + OtherTownMember)).Should().ThrowAsync<HubException>().WithMessage("*JY10*");
        await hub.Invoking(h => h.InvokeAsync("Acknowledge", other, 1)).Should().ThrowAsync<HubException>().WithMessage("*JY10*");
        (await hub.InvokeAsync<JsonElement>("Follow", "scope:JY10")).GetProperty("channel").GetString().Should().Be("scope:JY10");
    }

    private async Task<HttpClient> Client(string username)
    {
        if (username == TownSupervisor)
            await center.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountDirectoryGrain>("accounts")
                .AddMissing([new Account(TownSupervisor, TokenIssuer.Hash(CenterFactory.DemoPassword), Roles.Supervisor, null, "JY10")]);
        return await center.ClientFor(username);
    }

    private async Task<HubConnection> Hub(string username)
    {
        var token = (await center.ClientFor(username)).DefaultRequestHeaders.Authorization!.Parameter;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(center.Server.BaseAddress, "/hubs/center"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.HttpMessageHandlerFactory = _ => center.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private string? otherTownIncident;

    /// <summary>An incident in 澄江街道 (JY01), reported there by the city desk.</summary>
    [Fact]
    public async Task The_town_desks_check_for_open_cases_near_a_point_shows_nothing_of_another_town()
    {
        var other = await OtherTownIncident();
        var city = await center.ClientFor("operator1");
        var at = (await city.GetFromJsonAsync<JsonElement>($"/api/incidents/{other}"));
        var near = $"/api/incidents/nearby?category=E0102&lat={at.GetProperty("lat").GetDouble()}&lon={at.GetProperty("lon").GetDouble()}";

        var seenByCity = await city.GetFromJsonAsync<JsonElement>(near);
        var seenByTown = await (await Client("operator-jy10")).GetFromJsonAsync<JsonElement>(near);

        seenByCity.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Contain(other);
        seenByTown.GetProperty("incidents").EnumerateArray().Should().BeEmpty("the town desk sees nothing of another town");
    }

    private async Task<string> OtherTownIncident()
    {
        if (otherTownIncident is not null) return otherTownIncident;
        var city = await center.ClientFor("operator1");
        var id = await Report(city, (OtherTownLat + Random.Shared.NextDouble() * 0.002, OtherTownLon));
        return otherTownIncident = id;
    }

    private static async Task<string> Report(HttpClient client, (double Lat, double Lon) at)
    {
        var response = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat = at.Lat, lon = at.Lon, description = "scope test", channel = "hotline" });
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static string Home(string memberId) =>
        Roster.Value.TryGetValue(memberId, out var grid) ? grid : "";

    private static readonly Lazy<Dictionary<string, string>> Roster = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.SampleCity, "roster.json"))).RootElement.EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("gridId").GetString()!));

    private static HttpContent? Body(string path) =>
        path.EndsWith("/duty") ? JsonContent.Create(new { state = "on" })
        : path.EndsWith("/locations") ? JsonContent.Create(new { pings = new[] { new { lat = OtherTownLat, lon = OtherTownLon, at = DateTimeOffset.UtcNow } } })
        : path.EndsWith("/what-if") ? JsonContent.Create(new { from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow, scope = "JY01", policy = new { } })
        : path.EndsWith("/what-if/draft") ? JsonContent.Create(new { scope = "JY01", limits = new[] { new { step = "grid", limit = "30m" } } })
        : path.Contains("/actions/") ? JsonContent.Create(new { note = "faster" })
        : null;
}
