using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Intake;

/// <summary>
/// A center started with no Open311 key and no sensor secret configured makes its own at first start, keeps
/// them (owner-only files) for every later start, and shows them to an admin only; configured ones win.
/// </summary>
[Trait("Category", "InProcess")]
public class GeneratedPartnerAccessTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-credentials", Guid.NewGuid().ToString("N"));

    /// <summary>The test factory configures a key and a secret; empty values leave the center to generate them.</summary>
    private static readonly Dictionary<string, string> Unconfigured = new()
    {
        ["Open311:ApiKeys:0"] = "",
        [$"Intake:Webhooks:{CenterFactory.WebhookSource}:Secret"] = "",
    };

    private static async Task<List<JsonElement>> Credentials(CenterFactory center) =>
        await (await center.ClientFor("admin")).GetFromJsonAsync<List<JsonElement>>("/api/intake/credentials") ?? [];

    private static string? ValueOf(List<JsonElement> credentials, string channel, string name) =>
        credentials.Single(c => c.GetProperty("channel").GetString() == channel && c.GetProperty("name").GetString() == name)
            .GetProperty("value").GetString();

    [Fact]
    public async Task Credentials_generated_at_first_start_work_and_stay_the_same_after_a_restart()
    {
        string key, secret;
        using (var center = new CenterFactory(data, settings: Unconfigured))
        {
            var credentials = await Credentials(center);
            key = ValueOf(credentials, "open311", "key0")!;
            secret = ValueOf(credentials, "webhook", "sensors")!;
            key.Should().HaveLength(43, "256 random bits, base64url");
            secret.Should().NotBe(key);
            credentials.Should().NotContain(c => c.GetProperty("name").GetString() == CenterFactory.WebhookSource, "a source emptied in configuration and not listed in Intake:WebhookSources has no secret");

            var posted = await IntakeCalls.PostRequest(center.CreateClient(), "json", IntakeCalls.Form(("api_key", key)));
            posted.StatusCode.Should().Be(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());
            var body = IntakeCalls.Alert();
            var timestamp = IntakeCalls.Now();
            var alert = await IntakeCalls.PostAlert(center.CreateClient(), body, timestamp, IntakeCalls.Signature(timestamp, body, secret), source: "sensors");
            alert.StatusCode.Should().Be(HttpStatusCode.Created, await alert.Content.ReadAsStringAsync());
        }

        foreach (var file in new[] { "open311-key0", "webhook-sensors" })
        {
            var path = Path.Combine(data, "secrets", file);
            File.ReadAllText(path).Trim().Should().Be(file == "open311-key0" ? key : secret);
            if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "only the center's own user may read a partner's credential");
        }

        using var restarted = new CenterFactory(data, settings: Unconfigured);
        var again = await Credentials(restarted);
        ValueOf(again, "open311", "key0").Should().Be(key);
        ValueOf(again, "webhook", "sensors").Should().Be(secret);
        (await IntakeCalls.PostRequest(restarted.CreateClient(), "json", IntakeCalls.Form(("api_key", key)))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_configured_key_wins_and_its_value_is_not_repeated()
    {
        using var center = new CenterFactory(data);
        var credentials = await Credentials(center);

        var open311 = credentials.Single(c => c.GetProperty("channel").GetString() == "open311");
        open311.GetProperty("generated").GetBoolean().Should().BeFalse();
        open311.GetProperty("value").ValueKind.Should().Be(JsonValueKind.Null);
        credentials.Single(c => c.GetProperty("name").GetString() == CenterFactory.WebhookSource).GetProperty("value").ValueKind.Should().Be(JsonValueKind.Null);
        File.Exists(Path.Combine(data, "secrets", "open311-key0")).Should().BeFalse("nothing is generated where configuration gave a key");
        credentials.Should().ContainSingle(c => c.GetProperty("name").GetString() == "sensors" && c.GetProperty("generated").GetBoolean());
    }

    [Fact]
    public async Task Only_an_admin_reads_the_credentials()
    {
        using var center = new CenterFactory(data);
        foreach (var username in new[] { "operator1", "operator-jy10", "supervisor1", "M00001" })
        {
            var client = await center.ClientFor(username);
            (await client.GetAsync("/api/intake/credentials")).StatusCode.Should().Be(HttpStatusCode.Forbidden, username + " is not an admin");
        }
        (await center.CreateClient().GetAsync("/api/intake/credentials")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    public void Dispose()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}
