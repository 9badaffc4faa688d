using System.Diagnostics;
using OsProcess = System.Diagnostics.Process;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CommandCenter.Tests.Support;

/// <summary>
/// The command center as a real operating-system process on a given data directory, for tests that
/// must crash it (kill -9) and start it again.
/// </summary>
public sealed class CenterProcess : IAsyncDisposable
{
    private readonly OsProcess process;
    private readonly StringBuilder output = new();

    private CenterProcess(OsProcess process, Uri address)
    {
        this.process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }
    public HttpClient Http { get; }
    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>The standard ways of telling an ASP.NET Core host where to listen.</summary>
    public enum AddressGiven { UrlsArgument, AspNetCoreUrlsVariable, UrlsSetting }

    public static Task<CenterProcess> Start(string dataDirectory, params string[] extraArguments) =>
        Start(dataDirectory, AddressGiven.UrlsArgument, extraArguments);

    public static async Task<CenterProcess> Start(string dataDirectory, AddressGiven given, params string[] extraArguments)
    {
        var center = Launch(dataDirectory, given, extraArguments);
        await center.WaitUntilHealthy(TimeSpan.FromSeconds(90));
        return center;
    }

    /// <summary>Starts the process and returns at once, before it answers (for tests that watch the start itself).</summary>
    public static CenterProcess Launch(string dataDirectory, AddressGiven given, params string[] extraArguments)
    {
        var appDirectory = Path.Combine(Repo.Root, "src", "CommandCenter", "bin", Repo.BuildConfiguration, "net10.0");
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var info = new ProcessStartInfo("dotnet")
        {
            // As with `dotnet run`: the project folder is the content root, so relative paths in appsettings.json hold.
            WorkingDirectory = Path.Combine(Repo.Root, "src", "CommandCenter"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(appDirectory, "CommandCenter.dll"),
                     $"--Storage:DataDirectory={dataDirectory}",
                     $"--Orleans:SiloPort={FreePort.Next()}",
                     $"--Orleans:GatewayPort={FreePort.Next()}",
                     $"--Auth:BootstrapAdminPassword={CenterFactory.AdminPassword}",
                     $"--Samples:DemoPassword={CenterFactory.DemoPassword}",
                     // Load loops and pages drive far more calls through one account than a person; the limit and the
                     // access log are tested on their own (Edge tests).
                     "--RateLimits:AccountPerMinute=0",
                     "--Logging:LogLevel:CommandCenter.AccessLog=Warning",
                 }.Concat(given == AddressGiven.UrlsArgument ? ["--urls", address.ToString().TrimEnd('/')] : []).Concat(extraArguments))
            info.ArgumentList.Add(argument);
        // An unprefixed environment variable is a configuration key like any other: Urls as a setting.
        if (given == AddressGiven.AspNetCoreUrlsVariable) info.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        if (given == AddressGiven.UrlsSetting) info.Environment["Urls"] = address.ToString().TrimEnd('/');
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = OsProcess.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var center = new CenterProcess(process, address);
        process.OutputDataReceived += (_, e) => center.Append(e.Data);
        process.ErrorDataReceived += (_, e) => center.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return center;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private async Task WaitUntilHealthy(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The center exited with {process.ExitCode}:\n{Output}");
            try
            {
                var response = await Http.GetAsync("/health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The center did not become healthy within {limit}:\n{Output}");
    }

    public async Task<HttpClient> ClientFor(string username, string? password = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password = password ?? (username == "admin" ? CenterFactory.AdminPassword : CenterFactory.DemoPassword) });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public bool HasExited => process.HasExited;

    /// <summary>SIGTERM, as an orchestrator or systemd stops a service: the center runs its stop and exits by itself.</summary>
    public void Terminate()
    {
        using var kill = OsProcess.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString() }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {process.Id} exited with {kill.ExitCode}");
    }

    /// <summary>Waits for the process to exit by itself; its exit code, or null when it did not within <paramref name="limit"/>.</summary>
    public async Task<int?> Exited(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { return null; }
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) Kill();
        Http.Dispose();
        process.Dispose();
        await Task.CompletedTask;
    }
}
