using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Telemetry;
using CommandCenter.Tests.Cluster;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Telemetry;

/// <summary>
/// What an operations team watches: the admin-only Prometheus scrape with the center's own figures moving as
/// reports and transitions happen, one report's trace from its HTTP request down to the ledger write, and the
/// Orleans dashboard for admins only.
/// </summary>
[Trait("Category", "InProcess")]
public class TelemetryTests(TelemetryCenter center) : IClassFixture<TelemetryCenter>
{
    private const int Reports = 6;

    private static object Report()
    {
        var (lat, lon) = SampleCity.NextPoint();
        return new { category = "E0102", lat, lon, description = "路边有暴露垃圾", channel = "hotline" };
    }

    private static async Task<string> Create(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/incidents", Report());
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<PrometheusText> Scrape()
    {
        var response = await (await center.ClientFor("admin")).GetAsync(TelemetrySetup.MetricsPath);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return new PrometheusText(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_scrape_counts_the_reports_and_transitions_an_operator_makes()
    {
        var before = await Scrape();
        var client = await center.ClientFor("operator1");

        for (var i = 0; i < Reports; i++)
        {
            var id = await Create(client);
            (await client.PostAsJsonAsync($"/api/incidents/{id}/actions/cancel", new { note = "重复" })).EnsureSuccessStatusCode();
        }
        var after = await Scrape();

        double Grew(string metric, params (string, string)[] labels) => after.Sum(metric, labels) - before.Sum(metric, labels);
        Grew("commandcenter_reports_total", ("channel", "hotline")).Should().BeGreaterThanOrEqualTo(Reports, after.Text);
        Grew("commandcenter_transitions_total", ("action", "report")).Should().BeGreaterThanOrEqualTo(Reports);
        Grew("commandcenter_transitions_total", ("action", "cancel")).Should().BeGreaterThanOrEqualTo(Reports);
        // Every report and every cancel is at least one durable append of the embedded profile's ledger.
        Grew("commandcenter_ledger_commit_duration_seconds_count", ("store", "sqlite")).Should().BeGreaterThanOrEqualTo(2 * Reports);
        after.Sum("commandcenter_ledger_commit_duration_seconds_sum", ("store", "sqlite")).Should().BeGreaterThan(0);
        Grew("commandcenter_sqlite_group_commit_size_count").Should().BeGreaterThan(0);
        // Orleans' and ASP.NET Core's meters are in the same scrape too, but their meters belong to each host, and with
        // other centers of the test run starting and stopping in this process their series come and go: not asserted.
    }

    [Fact]
    public async Task The_scrape_counts_a_phones_pings_kept_and_refused()
    {
        var before = await Scrape();
        var worker = await center.ClientFor("M00001");
        var (lat, lon) = SampleCity.NextPoint();
        var now = DateTimeOffset.UtcNow;

        // One good ping, and one missing its position (refused on its own).
        var sent = await worker.PostAsJsonAsync("/api/members/M00001/locations", new { pings = new object[] { new { lat, lon, at = now }, new { at = now } } });
        sent.StatusCode.Should().Be(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        var after = await Scrape();

        (after.Sum("commandcenter_patrol_pings_total", ("outcome", "kept")) - before.Sum("commandcenter_patrol_pings_total", ("outcome", "kept"))).Should().BeGreaterThanOrEqualTo(1);
        (after.Sum("commandcenter_patrol_pings_total", ("outcome", "refused")) - before.Sum("commandcenter_patrol_pings_total", ("outcome", "refused"))).Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task The_scrape_shows_open_cases_by_light()
    {
        var client = await center.ClientFor("operator1");
        await Create(client);

        // The gauge counts in the background when a scrape finds its count stale (always, in this center): a later scrape shows it.
        string[] lights = ["green", "yellow", "red", "none"];
        double Open(PrometheusText scrape) => lights.Sum(light => scrape.Sum("commandcenter_cases_open", ("light", light)));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var scrape = await Scrape();
        while (Open(scrape) < 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            scrape = await Scrape();
        }

        Open(scrape).Should().BeGreaterThanOrEqualTo(1, "the case just reported is open");
        foreach (var light in lights)
            scrape.Text.Should().Contain($"light=\"{light}\"", "every light has its series, zero or not");
    }

    [Fact]
    public async Task The_scrape_is_for_admins_only()
    {
        (await center.CreateClient().GetAsync(TelemetrySetup.MetricsPath)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await (await center.ClientFor("operator1")).GetAsync(TelemetrySetup.MetricsPath)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await center.ClientFor("supervisor1")).GetAsync(TelemetrySetup.MetricsPath)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_reports_trace_runs_from_its_http_request_through_a_grain_call_to_the_ledger_write()
    {
        var client = await center.ClientFor("operator1");

        var id = await Create(client);

        Activity? ledger = null, http = null;
        var found = await LoadLoop.Until(() =>
        {
            var spans = center.Spans.Now();
            ledger = spans.FirstOrDefault(s => s.OperationName == CenterTraces.LedgerAppendName && (string?)s.GetTagItem("incident.id") == id && (int?)s.GetTagItem("incident.sequence") == 1);
            http = ledger is null ? null : spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.TraceId == ledger.TraceId && s.Source.Name == "Microsoft.AspNetCore");
            return http is not null;
        }, TimeSpan.FromSeconds(20));

        found.Should().BeTrue("the report's ledger append and its HTTP request are exported in one trace");
        var byId = center.Spans.Now().Where(s => s.TraceId == ledger!.TraceId).ToDictionary(s => s.SpanId);
        var ancestors = new List<Activity>();
        for (var at = ledger!; byId.TryGetValue(at.ParentSpanId, out var parent); at = parent) ancestors.Add(parent);
        ancestors.Should().Contain(http!, "the ledger write happened inside the HTTP request");
        ancestors.Should().Contain(s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal), "the write was reached through a grain call");
        http!.GetTagItem("http.request.method").Should().Be("POST");
        ledger!.GetTagItem("ledger.store").Should().Be("sqlite");
    }

    [Fact]
    public async Task The_orleans_dashboard_opens_for_admins_only()
    {
        (await center.CreateClient().GetAsync(OrleansDashboardSetup.Path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await (await center.ClientFor("operator1")).GetAsync(OrleansDashboardSetup.Path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await center.ClientFor("supervisor1")).GetAsync(OrleansDashboardSetup.Path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // The dashboard answers /orleans with a redirect to /orleans/, and a client drops its Authorization header on a redirect.
        var admin = await (await center.ClientFor("admin")).GetAsync(OrleansDashboardSetup.Path + "/");
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.Content.ReadAsStringAsync()).Should().Contain("Orleans");
    }

    [Fact]
    public async Task A_browser_opens_the_orleans_dashboard_once_with_the_token_and_then_by_its_cookie()
    {
        var adminToken = (await center.ClientFor("admin")).DefaultRequestHeaders.Authorization!.Parameter;
        var supervisorToken = (await center.ClientFor("supervisor1")).DefaultRequestHeaders.Authorization!.Parameter;
        (await center.CreateClient().GetAsync($"{OrleansDashboardSetup.Path}?access_token={supervisorToken}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var browser = center.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var first = await browser.GetAsync($"{OrleansDashboardSetup.Path}?access_token={adminToken}");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.GetAsync(OrleansDashboardSetup.Path)).StatusCode.Should().Be(HttpStatusCode.OK, "the cookie carries the token on the dashboard's own requests");
        (await browser.GetAsync("/api/incidents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the cookie opens the dashboard only");
    }
}
