using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Support;

/// <summary>
/// The whole command center in-process (web host and silo) on a fresh data directory with the
/// sample city loaded. One per test class fixture: loading the city takes a few seconds.
/// </summary>
public class CenterFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-pass-for-tests";
    public const string DemoPassword = "demo-pass-for-tests";
    public const string Open311ApiKey = "open311-key-for-tests";
    public const string WebhookSource = "medical-alert";
    public const string WebhookSecret = "webhook-secret-for-tests";

    private readonly bool ownsData;
    private readonly IReadOnlyDictionary<string, string> settings = new Dictionary<string, string>();

    public CenterFactory() : this(null) { }

    /// <summary>A center on the given data directory (kept when disposed), or on a fresh one (deleted).</summary>
    protected internal CenterFactory(string? dataDirectory, TimeProvider? clock = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        this.settings = settings ?? new Dictionary<string, string>();
        ownsData = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "cc-tests", Guid.NewGuid().ToString("N"));
        Clock = clock;
    }

    public string DataDirectory { get; }

    /// <summary>The domain clock, when a test drives time itself.</summary>
    public TimeProvider? Clock { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Auth:BootstrapAdminPassword", AdminPassword);
        builder.UseSetting("Samples:DemoPassword", DemoPassword);
        builder.UseSetting("Samples:CityDirectory", Repo.SampleCity);
        builder.UseSetting("Open311:ApiKeys:0", Open311ApiKey);
        builder.UseSetting($"Intake:Webhooks:{WebhookSource}:Secret", WebhookSecret);
        // Tests sign in far more often than a person: the per-address limit is tested on its own.
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:PublicIntakePerMinute", "100000");
        builder.UseSetting("RateLimits:AccountPerMinute", "0");
        // One line per request would drown the suite's output; the access log is tested on its own.
        builder.UseSetting($"Logging:LogLevel:{CommandCenter.Http.AccessLog.Category}", "Warning");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<Orleans.Runtime.IFatalErrorHandler, StopHostOnFatalError>());
        if (Clock is not null) builder.ConfigureTestServices(services => services.AddSingleton(Clock));
    }

    public async Task<HttpClient> ClientFor(string username, string? password = null)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password = password ?? (username == "admin" ? AdminPassword : DemoPassword) });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!ownsData) return;
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
