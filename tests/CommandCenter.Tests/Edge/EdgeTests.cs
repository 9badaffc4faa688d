using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CommandCenter.Tests.Edge;

/// <summary>The center behind a proxy: whose address counts, compression, the grids' ETag, the access log, generated passwords.</summary>
[Trait("Category", "InProcess")]
public class EdgeTests(EdgeCenter center) : IClassFixture<EdgeCenter>
{
    private const string PublicIntake = "/open311/v2/services.json";

    [Fact]
    public async Task Clients_behind_the_trusted_proxy_are_limited_each_by_its_own_address()
    {
        var first = center.From(EdgeCenter.Proxy, forwardedFor: "203.0.113.7");
        var second = center.From(EdgeCenter.Proxy, forwardedFor: "203.0.113.8");

        var firstAnswers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) firstAnswers.Add((await first.GetAsync(PublicIntake)).StatusCode);
        var secondAnswer = (await second.GetAsync(PublicIntake)).StatusCode;

        firstAnswers.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        secondAnswer.Should().Be(HttpStatusCode.OK, "another client behind the same proxy has a budget of its own");
        center.LogLines.Should().Contain(l => l.Contains(PublicIntake) && l.EndsWith("anonymous 203.0.113.7 "),
            "the access log names the client the proxy forwarded for");
    }

    [Fact]
    public async Task A_forwarded_address_from_a_proxy_nobody_configured_is_ignored()
    {
        var answers = new List<HttpStatusCode>();
        foreach (var claimed in new[] { "198.51.100.1", "198.51.100.2", "198.51.100.3" })
            answers.Add((await center.From("10.0.0.9", forwardedFor: claimed).GetAsync(PublicIntake)).StatusCode);

        answers.Should().Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            "a caller cannot buy a fresh budget by claiming another address");
    }

    [Fact]
    public async Task Two_accounts_signed_in_from_one_address_are_limited_each_on_its_own()
    {
        var busy = await center.SignedIn("M00011", "10.0.0.20");
        var colleague = await center.SignedIn("M00012", "10.0.0.20");

        for (var i = 0; i < EdgeCenter.AccountPerMinute; i++)
            (await busy.GetAsync("/api/city")).StatusCode.Should().Be(HttpStatusCode.OK);
        var over = await busy.GetAsync("/api/city");

        over.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await over.Content.ReadAsStringAsync()).Should().Contain("account");
        (await colleague.GetAsync("/api/city")).StatusCode.Should().Be(HttpStatusCode.OK, "the colleague at the same address has a budget of its own");
    }

    [Fact]
    public async Task The_grids_answer_304_to_their_etag_arrive_compressed_and_change_their_etag_with_an_import()
    {
        var admin = await center.SignedIn("admin", "10.0.0.30");

        var first = await Get(admin, "/api/grids", "br");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Content.Headers.ContentEncoding.Should().Equal("br");
        first.Headers.CacheControl!.NoCache.Should().BeTrue();
        var etag = first.Headers.ETag!;
        var collection = JsonNode.Parse(await Decoded(first))!;
        collection["type"]!.GetValue<string>().Should().Be("FeatureCollection");

        (await Get(admin, "/api/grids", "gzip")).Content.Headers.ContentEncoding.Should().Equal("gzip");
        var again = await Get(admin, "/api/grids", "br", etag);
        again.StatusCode.Should().Be(HttpStatusCode.NotModified);

        var renamed = collection["features"]!.AsArray().First(f => f!["properties"]!["level"]!.GetValue<int>() == 3)!["properties"]!;
        renamed["name"] = renamed["name"]!.GetValue<string>() + " (renamed)";
        (await admin.PostAsync("/api/grids/import", new StringContent(collection.ToJsonString(), Encoding.UTF8, "application/geo+json")))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var afterImport = await Get(admin, "/api/grids", "br", etag);
        afterImport.StatusCode.Should().Be(HttpStatusCode.OK, "the hierarchy changed, so the kept copy is stale");
        afterImport.Headers.ETag!.Tag.Should().NotBe(etag.Tag);
        (await Decoded(afterImport)).Should().Contain("(renamed)");
    }

    [Fact]
    public async Task The_pages_script_arrives_compressed()
    {
        var client = center.From("10.0.0.40");
        var page = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var script = Regex.Match(page, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        script.Should().NotBeEmpty("the wall's page loads its script from /assets");

        var response = await Get(client, script, "br, gzip");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().ContainSingle().Which.Should().BeOneOf("br", "gzip");
    }

    [Fact]
    public async Task The_access_log_keeps_query_names_but_no_values_and_no_credentials()
    {
        var client = await center.SignedIn("M00013", "10.0.0.50");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;

        (await client.GetAsync("/api/grids/locate?lat=31.8123&lon=120.2789")).StatusCode.Should().Be(HttpStatusCode.OK);

        var lines = center.LogLines.Where(l => l.StartsWith(CommandCenter.Http.AccessLog.Category)).ToList();
        lines.Should().Contain(l => l.Contains("GET /api/grids/locate?lat=&lon= 200") && l.Contains("M00013"));
        lines.Should().NotContain(l => l.Contains("31.8123") || l.Contains("120.2789") || l.Contains(token) || l.Contains("Bearer"));
    }

    [Fact]
    public void Generated_passwords_are_handed_over_in_owner_only_files_never_in_a_log_line()
    {
        foreach (var file in new[] { "admin-password.txt", "demo-password.txt" })
        {
            var password = center.Password(file);
            password.Should().HaveLength(16);
            center.LogLines.Should().NotContain(l => l.Contains(password));
            center.LogLines.Should().Contain(l => l.Contains("written to") && l.Contains(file));
            if (!OperatingSystem.IsWindows())
                File.GetUnixFileMode(Path.Combine(center.DataDirectory, file)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task The_sign_in_answer_carrying_a_token_is_never_compressed()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { username = "M00014", password = center.Password("demo-password.txt") }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");

        var response = await center.From("10.0.0.60").SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().BeEmpty("a compressed secret's size can leak it (BREACH)");
        (await response.Content.ReadAsStringAsync()).Should().Contain("access_token");
    }

    [Fact]
    public void The_console_log_is_json_when_Logs_Json_is_set()
    {
        center.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName.Should().Be(ConsoleFormatterNames.Json);
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string path, string acceptEncoding, EntityTagHeaderValue? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(ifNoneMatch);
        return client.SendAsync(request);
    }

    private static async Task<string> Decoded(HttpResponseMessage response)
    {
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = response.Content.Headers.ContentEncoding.Single() switch
        {
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            var other => throw new InvalidOperationException($"Unexpected encoding {other}"),
        };
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }
}

/// <summary>A center told to insist on HTTPS, behind a proxy that ends TLS.</summary>
[Trait("Category", "InProcess")]
public class HttpsEdgeTests(EdgeCenter.InsistingOnHttps center) : IClassFixture<EdgeCenter.InsistingOnHttps>
{
    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        var response = await center.From("10.0.0.9").GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location!.Scheme.Should().Be("https");
        response.Headers.Location.Port.Should().Be(443);
    }

    [Fact]
    public async Task Https_ended_at_the_trusted_proxy_is_served_with_hsts()
    {
        var client = center.From(EdgeCenter.Proxy, forwardedFor: "203.0.113.9", forwardedProto: "https");
        client.DefaultRequestHeaders.Host = "center.example";

        var response = await client.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK, "the proxy says the client spoke HTTPS, so there is nothing to redirect");
        response.Headers.GetValues("Strict-Transport-Security").Should().ContainSingle().Which.Should().Contain("max-age=31536000");
    }

    [Fact]
    public async Task Https_claimed_by_a_caller_that_is_no_proxy_is_still_redirected()
    {
        var response = await center.From("10.0.0.9", forwardedProto: "https").GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
    }
}
