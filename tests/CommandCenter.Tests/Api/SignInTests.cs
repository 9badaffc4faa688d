using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Api;

[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class SignInTests(CenterFactory center)
{
    [Fact]
    public async Task A_right_password_gets_a_bearer_token_with_its_lifetime()
    {
        var response = await center.CreateClient().PostAsJsonAsync("/api/auth/token", new { username = "operator1", password = CenterFactory.DemoPassword });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        body.GetProperty("access_token").GetString().Should().NotBeNullOrEmpty();
        body.GetProperty("expires_in").GetInt32().Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("operator1", "wrong")]
    [InlineData("nobody", CenterFactory.DemoPassword)]
    public async Task A_wrong_password_or_unknown_user_is_refused_alike(string username, string password)
    {
        var response = await center.CreateClient().PostAsJsonAsync("/api/auth/token", new { username, password });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("username or password is wrong");
    }

    [Fact]
    public async Task A_missing_password_is_a_400_naming_the_field()
    {
        var response = await center.CreateClient().PostAsJsonAsync("/api/auth/token", new { username = "operator1" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty("password", out _).Should().BeTrue();
    }

    [Fact]
    public async Task The_bootstrap_admin_the_demo_staff_and_the_first_last_and_one_member_of_every_role_can_sign_in()
    {
        var roster = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.SampleCity, "roster.json"))).RootElement.EnumerateArray()
            .Select(m => (Id: m.GetProperty("id").GetString()!, Role: m.GetProperty("role").GetString()!)).ToList();
        var members = roster.GroupBy(m => m.Role).Select(g => g.First().Id).Append(roster[0].Id).Append(roster[^1].Id).Distinct().ToList();
        members.Should().HaveCountGreaterThanOrEqualTo(6, "the roster has the six roles of the team");

        foreach (var username in new[] { "admin", "operator1", "supervisor1" }.Concat(members))
        {
            var client = await center.ClientFor(username); // throws unless the sign-in succeeded
            (await client.GetAsync("/api/grids?level=1")).StatusCode.Should().Be(HttpStatusCode.OK, $"{username}'s token opens the API");
        }
    }

    [Theory]
    [InlineData("/api/grids")]
    [InlineData("/api/grids/locate?lat=31.9&lon=120.28")]
    [InlineData("/api/members")]
    [InlineData("/api/members/M00001")]
    public async Task Every_api_needs_a_token(string path)
    {
        var response = await center.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("operator1", true)]
    [InlineData("admin", true)]
    [InlineData("M00040", true)]
    [InlineData("supervisor1", false)]
    public async Task The_token_carries_the_report_power_exactly_when_the_server_takes_reports_from_the_account(string username, bool mayReport)
    {
        var client = await center.ClientFor(username);
        var payload = client.DefaultRequestHeaders.Authorization!.Parameter!.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight((payload.Length + 3) / 4 * 4, '='))).RootElement;
        var powers = claims.TryGetProperty("powers", out var p)
            ? p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().Select(x => x.GetString()).ToList() : [p.GetString()]
            : [];

        powers.Contains("report").Should().Be(mayReport);
        var (lat, lon) = SampleCity.NextPoint();
        var response = await client.PostAsJsonAsync("/api/incidents", new { category = "E0302", description = "权限测试", lat, lon });
        (response.StatusCode != HttpStatusCode.Forbidden).Should().Be(mayReport, "the power in the token and the server's answer agree");
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("operator1", false)]
    [InlineData("supervisor1", false)]
    [InlineData("M00040", false)]
    public async Task The_token_carries_the_run_jobs_power_exactly_when_the_server_runs_jobs_for_the_account(string username, bool mayRunJobs)
    {
        var client = await center.ClientFor(username);
        var payload = client.DefaultRequestHeaders.Authorization!.Parameter!.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight((payload.Length + 3) / 4 * 4, '='))).RootElement;
        var powers = claims.TryGetProperty("powers", out var p)
            ? p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().Select(x => x.GetString()).ToList() : [p.GetString()]
            : [];

        powers.Contains("run-jobs").Should().Be(mayRunJobs);
        // An unknown job: an admin hears which jobs there are (422), anyone else is refused (403); nothing runs either way.
        var response = await client.PostAsync("/api/jobs/no-such-job/run", null);
        (response.StatusCode != HttpStatusCode.Forbidden).Should().Be(mayRunJobs, "the power in the token and the server's answer agree");
    }

    [Theory]
    [InlineData("operator1", true, false)]
    [InlineData("supervisor1", true, true)]
    [InlineData("admin", true, true)]
    [InlineData("M00040", false, false)]
    [InlineData("M00010", false, false)]
    public async Task The_token_carries_the_wall_and_replay_powers_exactly_when_the_server_serves_them(string username, bool wallPower, bool replayPower)
    {
        var client = await center.ClientFor(username);
        var payload = client.DefaultRequestHeaders.Authorization!.Parameter!.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight((payload.Length + 3) / 4 * 4, '='))).RootElement;
        var powers = claims.TryGetProperty("powers", out var p)
            ? p.ValueKind == JsonValueKind.Array ? p.EnumerateArray().Select(x => x.GetString()).ToList() : [p.GetString()]
            : [];

        powers.Contains("wall").Should().Be(wallPower);
        powers.Contains("replay").Should().Be(replayPower);
        // The wall's list and the replay stream: the server's answer agrees with the power the page reads.
        ((await client.GetAsync("/api/incidents?pageSize=1")).StatusCode != HttpStatusCode.Forbidden).Should().Be(wallPower);
        ((await client.GetAsync("/api/kpis")).StatusCode != HttpStatusCode.Forbidden).Should().Be(replayPower);
    }

    [Fact]
    public async Task Every_route_that_is_not_marked_public_answers_401_without_a_token()
    {
        var routes = center.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Method: method, Path: "/" + System.Text.RegularExpressions.Regex.Replace(
                    e.RoutePattern.RawText!.TrimStart('/'), @"\{\*?([A-Za-z]+)[^}]*\}", "x1"))))
            .Where(r => !r.Path.StartsWith("/hangfire")) // the jobs dashboard signs in with its own cookie (JobEndpoints)
            .Distinct()
            .ToList();
        routes.Should().HaveCountGreaterThan(30, "the API's routes are found");

        var client = center.CreateClient();
        var open = new List<string>();
        foreach (var (method, path) in routes)
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "GET" or "HEAD" ? null : JsonContent.Create(new { }) });
            if (response.StatusCode != HttpStatusCode.Unauthorized) open.Add($"{method} {path} → {(int)response.StatusCode}");
        }
        open.Should().BeEmpty("every route not marked public asks for a token");
    }

    [Fact]
    public async Task Health_and_the_api_description_answer_without_a_token()
    {
        var client = center.CreateClient();

        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        health.GetProperty("status").GetString().Should().Be("ok");
        health.GetProperty("grids").GetInt32().Should().BeGreaterThan(1_000);
        (await client.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var client = await center.ClientFor("operator1");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        client.DefaultRequestHeaders.Authorization = new("Bearer", token[..^4] + "AAAA");

        (await client.GetAsync("/api/grids?level=1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
