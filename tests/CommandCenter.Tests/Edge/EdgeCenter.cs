using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Tests.Edge;

/// <summary>
/// A center behind a proxy at <see cref="Proxy"/>, with low limits, generated passwords and every log line kept. The
/// in-process server has no network peer, so a test names the peer address of its request in <see cref="PeerHeader"/>
/// (set ahead of the center's own pipeline, as a socket would).
/// </summary>
public class EdgeCenter : CenterFactory
{
    public EdgeCenter() : this(new Dictionary<string, string>()) { }

    protected EdgeCenter(IReadOnlyDictionary<string, string> more) : base(null, settings: new Dictionary<string, string>
    {
        ["Http:KnownProxies:0"] = Proxy,
        ["RateLimits:PublicIntakePerMinute"] = "2",
        ["RateLimits:AccountPerMinute"] = AccountPerMinute.ToString(),
        ["Auth:BootstrapAdminPassword"] = "",
        ["Samples:DemoPassword"] = "",
        ["Logs:Json"] = "true",
        [$"Logging:LogLevel:{CommandCenter.Http.AccessLog.Category}"] = "Information",
    }.Concat(more).ToDictionary())
    {
    }

    public const string Proxy = "10.0.0.1";
    public const string PeerHeader = "X-Test-Peer";
    public const int AccountPerMinute = 20;

    public ConcurrentQueue<string> LogLines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new KeptLines(LogLines)));
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    /// <summary>The same center insisting on HTTPS, without the sample city (nothing here needs it).</summary>
    public sealed class InsistingOnHttps() : EdgeCenter(new Dictionary<string, string>
    {
        ["Http:HttpsRedirect"] = "true",
        ["Http:HttpsPort"] = "443",
        ["Http:Hsts"] = "true",
        ["Samples:LoadOnFirstStart"] = "false",
    });

    /// <summary>The generated password the center handed over in a file (its output is redirected under the test runner).</summary>
    public string Password(string file) => File.ReadAllText(Path.Combine(DataDirectory, file)).Trim();

    public async Task<HttpClient> SignedIn(string username, string peer)
    {
        var client = From(peer);
        var password = Password(username == "admin" ? "admin-password.txt" : "demo-password.txt");
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient From(string peer, string? forwardedFor = null, string? forwardedProto = null)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null) client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        return client;
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, inner) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[PeerHeader], out var peer)) http.Connection.RemoteIpAddress = peer;
                return inner(http);
            });
            next(app);
        };
    }

    private sealed class KeptLines(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Line(categoryName, lines);

        public void Dispose() { }

        private sealed class Line(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
