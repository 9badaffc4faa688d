using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CommandCenter.Auth;
using CommandCenter.Grains.Accounts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CommandCenter.Benchmarks;

/// <summary>Starts the built command center (Release) on a fresh data directory for a benchmark, and signs in.</summary>
internal sealed class CenterLauncher : IAsyncDisposable
{
    public const string Password = "bench-password";
    private readonly Process process;
    private readonly string data;

    private CenterLauncher(Process process, string data, Uri address)
    {
        this.process = process;
        this.data = data;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The center's fresh data directory (the embedded profile keeps its secrets under it).</summary>
    public string DataDirectory => data;

    /// <summary>The center's process id (the dotnet host runs the app in its own process).</summary>
    public int ProcessId => process.Id;

    /// <summary>Resident memory of the center process (VmRSS from /proc), in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
    }

    /// <summary>
    /// A token for any account, minted with the center's own signing key and claims (signing in hashes the
    /// password with PBKDF2, far too slow for thousands of accounts).
    /// </summary>
    public string MintToken(string username, string role, string? memberId = null)
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(Path.Combine(data, "secrets", "jwt-signing.key")).Trim()));
        var issuer = new TokenIssuer(null!, key, Options.Create(new AuthOptions()));
        return issuer.Issue(new Account(username, "", role, memberId, null)).AccessToken;
    }

    /// <summary>
    /// The managed heap after the last collection, read with dotnet-counters when it is installed
    /// (~/.dotnet/tools); null when it is not or gave nothing.
    /// </summary>
    public async Task<long?> GcHeapBytes()
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-counters");
        if (!File.Exists(tool)) return null;
        var output = Path.Combine(Path.GetTempPath(), $"cc-bench-counters-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "collect", "-p", process.Id.ToString(CultureInfo.InvariantCulture), "--counters", "System.Runtime[dotnet.gc.last_collection.heap.size]",
                     "--format", "csv", "-o", output, "--duration", "00:00:00:05", "--refresh-interval", "1" })
            info.ArgumentList.Add(a);
        using var counters = Process.Start(info)!;
        var drainOut = counters.StandardOutput.ReadToEndAsync();
        var drainErr = counters.StandardError.ReadToEndAsync();
        await counters.WaitForExitAsync();
        await Task.WhenAll(drainOut, drainErr);
        var file = File.Exists(output) ? output : File.Exists(output + ".csv") ? output + ".csv" : null;
        if (file is null) return null;
        // Rows: timestamp, provider, counter (with its gc generation tag), unit, value; the heap is the sum over generations of the last sample.
        var rows = File.ReadAllLines(file).Skip(1).Select(l => l.Split(',')).Where(r => r.Length >= 5 && r[2].Contains("heap.size", StringComparison.Ordinal)).ToList();
        File.Delete(file);
        if (rows.Count == 0) return null;
        var last = rows[^1][0];
        return (long)rows.Where(r => r[0] == last).Sum(r => double.Parse(r[^1], CultureInfo.InvariantCulture));
    }

    /// <summary>An HTTP client on the center that sends the given bearer token.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>CPU time the process has used so far (user and kernel).</summary>
    public TimeSpan CpuTime { get { process.Refresh(); return process.TotalProcessorTime; } }

    public static async Task<CenterLauncher> Start(string root, params string[] extra)
    {
        var app = Path.Combine(root, "src", "CommandCenter", "bin", "Release", "net10.0", "CommandCenter.dll");
        if (!File.Exists(app)) throw new InvalidOperationException($"Build first: dotnet build -c Release src/CommandCenter ({app} missing)");
        var data = Path.Combine(Path.GetTempPath(), "cc-bench", Guid.NewGuid().ToString("N"));
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(root, "src", "CommandCenter"), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[]
                 {
                     app, "--urls", address.ToString().TrimEnd('/'), $"--Storage:DataDirectory={data}",
                     $"--Orleans:SiloPort={FreePort()}", $"--Orleans:GatewayPort={FreePort()}",
                     $"--Auth:BootstrapAdminPassword={Password}", $"--Samples:DemoPassword={Password}", "--Logging:LogLevel:Default=Warning", "--RateLimits:AccountPerMinute=0",
                 }.Concat(extra))
            info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var launcher = new CenterLauncher(process, data, address);
        using var http = new HttpClient { BaseAddress = address };
        // A large roster takes a while to load before the center answers (up to 5 minutes on a busy machine).
        for (var i = 0; i < 3000; i++)
        {
            try { if ((await http.GetAsync("/health")).IsSuccessStatusCode) return launcher; } catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("center did not start");
    }

    public async Task<HttpClient> ClientFor(string username)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { username, password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    /// <summary>A connection to the center's hub as the dashboard makes it: WebSockets straight away, MessagePack, the given token.</summary>
    public HubConnection Hub(string token) => new HubConnectionBuilder()
        .WithUrl(new Uri(Address, "/hubs/center"), o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.SkipNegotiation = true;
            o.Transports = HttpTransportType.WebSockets;
        })
        .AddMessagePackProtocol(o => o.SerializerOptions = MessagePack.MessagePackSerializerOptions.Standard.WithResolver(CommandCenter.Wall.WireTime.Resolver))
        .Build();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        try { Directory.Delete(data, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
