using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

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
                     $"--Auth:BootstrapAdminPassword={Password}", $"--Samples:DemoPassword={Password}", "--Logging:LogLevel:Default=Warning",
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
        for (var i = 0; i < 600; i++)
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

    private static int FreePort()
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
