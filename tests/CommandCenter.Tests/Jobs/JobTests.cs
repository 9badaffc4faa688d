using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Jobs;

/// <summary>The four recurring jobs: registered in Hangfire, runnable now by admins only, and what each leaves behind.</summary>
[Trait("Category", "InProcess")]
public class JobTests : IClassFixture<CenterFactory>
{
    private readonly CenterFactory center;

    public JobTests(CenterFactory center) => this.center = center;

    private static string Today => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd");

    [Fact]
    public void The_recurring_jobs_are_scheduled_under_their_names()
    {
        using var connection = center.Services.GetRequiredService<JobStorage>().GetConnection();
        connection.GetRecurringJobs().Select(j => j.Id).Should().BeEquivalentTo(["daily-report", "assessment", "archive", "random-inspection", "track-retention"]);
    }

    [Theory]
    [InlineData("daily-report")]
    [InlineData("assessment")]
    [InlineData("archive")]
    [InlineData("random-inspection")]
    [InlineData("track-retention")]
    public async Task Only_an_admin_runs_a_job_now(string job)
    {
        (await center.CreateClient().PostAsync($"/api/jobs/{job}/run", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await (await center.ClientFor("supervisor1")).PostAsync($"/api/jobs/{job}/run", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await center.ClientFor("operator1")).PostAsync($"/api/jobs/{job}/run", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var run = await (await center.ClientFor("admin")).PostAsync($"/api/jobs/{job}/run", null);

        run.StatusCode.Should().Be(HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetString().Should().Be(job);
    }

    [Theory]
    [InlineData("/api/jobs/reindex/run", "name")]
    [InlineData("/api/jobs/daily-report/run?date=24-11-2026", "date")]
    [InlineData("/api/jobs/assessment/run?period=2026-13", "period")]
    public async Task A_bad_job_request_names_the_field(string url, string field)
    {
        var response = await (await center.ClientFor("admin")).PostAsync(url, null);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_daily_report_writes_a_csv_and_a_json_per_town_that_staff_can_download()
    {
        var loop = await Loop.For(center);
        await loop.Filed();
        var admin = await center.ClientFor("admin");
        (await admin.PostAsync("/api/jobs/daily-report/run", null)).EnsureSuccessStatusCode();
        var operatorClient = await center.ClientFor("operator1");

        File.Exists(Path.Combine(center.DataDirectory, "reports", Today, "JY10.csv")).Should().BeTrue();
        var files = await operatorClient.GetFromJsonAsync<string[]>($"/api/reports/{Today}");
        files.Should().Contain(["JY01.csv", "JY01.json", "JY10.csv", "JY10.json"]);
        var csv = await operatorClient.GetAsync($"/api/reports/{Today}/JY10.csv");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        (await csv.Content.ReadAsStringAsync()).Should().Contain("id,state,step").And.Contain("filed");
        var json = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/reports/{Today}/JY10.json");
        json.GetProperty("counters").GetProperty("closed").GetInt32().Should().BeGreaterThan(0);
        json.GetProperty("kpis").GetProperty("handledOnTime").GetProperty("denominator").GetInt32().Should().BeGreaterThan(0);

        (await operatorClient.GetAsync($"/api/reports/{Today}/..%2Fcommand-center.db")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await operatorClient.GetAsync("/api/reports/1999-01-01/JY10.csv")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await operatorClient.GetAsync("/api/reports/yesterday/JY10.csv")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await (await center.ClientFor("M00020")).GetAsync($"/api/reports/{Today}/JY10.csv")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_random_inspection_draws_a_supervisor_from_another_town_for_a_closed_case_and_keeps_it()
    {
        var loop = await Loop.For(center);
        await loop.Filed();
        var admin = await center.ClientFor("admin");

        var run = await admin.PostAsync("/api/jobs/random-inspection/run", null);

        run.StatusCode.Should().Be(HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetProperty("period").GetString().Should().MatchRegex("^\\d{4}-\\d{2}$");
        // This class's other runs may have drawn the month's checks already: whichever run drew them, they are in the book.
        var listed = (await (await center.ClientFor("supervisor1")).GetFromJsonAsync<JsonElement>("/api/inspections")).EnumerateArray().ToList();
        listed.Should().NotBeEmpty();
        foreach (var task in listed)
        {
            task.GetProperty("id").GetString().Should().StartWith("INS-");
            var inspector = await admin.GetFromJsonAsync<JsonElement>($"/api/members/{task.GetProperty("inspectorId").GetString()}");
            inspector.GetProperty("role").GetString().Should().BeEquivalentTo("supervisor");
            task.GetProperty("townId").GetString().Should().NotBe(inspector.GetProperty("gridId").GetString(), "nobody checks its own town");
        }
    }

    [Fact]
    public async Task The_assessment_writes_scores_into_member_and_grid_dossiers()
    {
        var loop = await Loop.For(center);
        await loop.Filed("M00023", satisfaction: 5);
        var admin = await center.ClientFor("admin");
        var period = Today[..7];
        // M00023 walks 840 m east in ten minutes, ending now: its patrol this month is in its dossier beside the score.
        var now = DateTimeOffset.UtcNow;
        var pings = Enumerable.Range(0, 61).Select(i => new { lat = 31.7538, lon = 120.3435 + i * 14.0 / (111_195 * Math.Cos(31.7538 * Math.PI / 180)), at = now.AddSeconds(-600 + i * 10) }).ToList();
        var walked = await (await center.ClientFor("M00023")).PostAsJsonAsync("/api/members/M00023/locations", new { pings });
        (await walked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kept").GetInt32().Should().Be(61);

        var run = await admin.PostAsync($"/api/jobs/assessment/run?period={period}", null);

        run.StatusCode.Should().Be(HttpStatusCode.OK);
        var supervisor = await center.ClientFor("supervisor1");
        var member = await supervisor.GetFromJsonAsync<JsonElement>("/api/dossiers/members/M00023");
        var entry = member.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("period").GetString() == period);
        entry.GetProperty("score").GetDouble().Should().BeInRange(0, 100);
        entry.GetProperty("kpis").GetProperty("satisfaction").GetProperty("numerator").GetInt32().Should().BeGreaterThan(0);
        if (TimeZoneInfo.ConvertTime(now.AddSeconds(-600), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM") == period)
        {
            var patrol = member.GetProperty("patrol").EnumerateArray().Single(p => p.GetProperty("period").GetString() == period);
            patrol.GetProperty("distanceMetres").GetDouble().Should().BeApproximately(840, 8.4);
            patrol.GetProperty("patrolSeconds").GetDouble().Should().BeApproximately(600, 6);
            patrol.GetProperty("daysOnPatrol").GetInt32().Should().BeGreaterThanOrEqualTo(1);
            patrol.GetProperty("tracksComplete").GetBoolean().Should().BeTrue();
        }
        var grid = await supervisor.GetFromJsonAsync<JsonElement>("/api/dossiers/grids/JY10");
        grid.GetProperty("entries").EnumerateArray().Should().Contain(e => e.GetProperty("period").GetString() == period);

        (await admin.PostAsync($"/api/jobs/assessment/run?period={period}", null)).EnsureSuccessStatusCode();
        (await supervisor.GetFromJsonAsync<JsonElement>("/api/dossiers/members/M00023")).GetProperty("entries").EnumerateArray()
            .Count(e => e.GetProperty("period").GetString() == period).Should().Be(1, "assessing a month again replaces its entry");
        (await (await center.ClientFor("operator1")).GetAsync("/api/dossiers/members/M00023")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_hangfire_dashboard_opens_for_admins_only()
    {
        var anonymous = center.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        (await anonymous.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await (await center.ClientFor("supervisor1")).GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await center.ClientFor("admin")).GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.OK);

        var supervisorToken = (await center.ClientFor("supervisor1")).DefaultRequestHeaders.Authorization!.Parameter;
        (await anonymous.GetAsync($"/hangfire?access_token={supervisorToken}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // A browser: the token once in the address, then the cookie carries the dashboard's own requests.
        var adminToken = (await center.ClientFor("admin")).DefaultRequestHeaders.Authorization!.Parameter;
        var browser = center.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var first = await browser.GetAsync($"/hangfire?access_token={adminToken}");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).Should().Contain("Hangfire");
        (await browser.GetAsync("/hangfire/recurring")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.GetAsync("/api/incidents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the dashboard cookie opens the dashboard, nothing else");
    }
}
