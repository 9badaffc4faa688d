using System.Diagnostics;
using OsProcess = System.Diagnostics.Process;

namespace CommandCenter.Tests.Support;

/// <summary>
/// A private PostgreSQL for one test class: Debian's server binaries, a cluster made by initdb in a temporary folder,
/// started by pg_ctl on a free port (no system service). Durable as production is (fsync on, synchronous commit). It can
/// be killed with SIGKILL and started again on the same files. scripts/test.sh installs Debian's postgresql. initdb
/// refuses to run as root: as root (CI) the cluster belongs to the postgres user the package creates. The benchmarks
/// compile this file too (tests/Benchmarks/Benchmarks.csproj) for their PostgreSQL runs and read its CPU time.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "cc-postgres", Guid.NewGuid().ToString("N"));

    private PostgresServer() => Port = FreePort.Next();

    public int Port { get; }

    /// <summary>Where Debian keeps the newest installed server's programs.</summary>
    public static string? BinDirectory { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
        : null;

    /// <summary>The Npgsql connection string of a database on this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5;Command Timeout=30";

    /// <summary>
    /// CPU time of the server so far (user and kernel): the postmaster, the backends and workers it has reaped
    /// (its cutime/cstime) and those still running.
    /// </summary>
    public TimeSpan CpuTime
    {
        get
        {
            var postmaster = int.Parse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First().Trim());
            long ticks = 0;
            foreach (var stat in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
            {
                string[] fields;
                try
                {
                    var text = File.ReadAllText(Path.Combine(stat, "stat"));
                    fields = text[(text.LastIndexOf(')') + 2)..].Split(' '); // fields from the 3rd (state) on
                }
                catch (IOException) { continue; }
                catch (UnauthorizedAccessException) { continue; }
                var pid = int.Parse(Path.GetFileName(stat));
                var parent = int.Parse(fields[1]);
                if (pid == postmaster) ticks += long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
                else if (parent == postmaster) ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
            }
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
        }
    }

    public static async Task<PostgresServer> Start()
    {
        if (BinDirectory is null)
            throw new InvalidOperationException("PostgreSQL's server programs are missing (/usr/lib/postgresql/*/bin): run scripts/test.sh, or apt-get install postgresql.");
        var server = new PostgresServer();
        Directory.CreateDirectory(server.directory);
        if (IsRoot) await Run("chown", ["-R", "postgres:postgres", server.directory], asServerUser: false);
        await Run(Path.Combine(BinDirectory, "initdb"),
            ["-D", server.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], asServerUser: true);
        await server.Run();
        return server;
    }

    private string Data => Path.Combine(directory, "data");

    /// <summary>Starts the server on its port and files and waits until it takes connections.</summary>
    public async Task Run()
    {
        var options = $"-p {Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=300 -c shared_buffers=64MB";
        await Run(Path.Combine(BinDirectory!, "pg_ctl"), ["-D", Data, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], asServerUser: true);
    }

    /// <summary>SIGKILL to the postmaster: the database gets no chance to write anything more (its backends follow it).</summary>
    public void Kill()
    {
        var pidFile = Path.Combine(Data, "postmaster.pid");
        if (!File.Exists(pidFile)) return;
        var pid = int.Parse(File.ReadLines(pidFile).First().Trim());
        try
        {
            using var postmaster = OsProcess.GetProcessById(pid);
            postmaster.Kill();
            postmaster.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        // The backends notice the postmaster's death within moments; a restart needs them gone.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && OsProcess.GetProcessesByName("postgres").Any(p => CommandLineMentions(p, Data)))
            Thread.Sleep(50);
    }

    /// <summary>Stops the server politely (in-flight transactions end, what was committed is on disk).</summary>
    public async Task Stop() =>
        await Run(Path.Combine(BinDirectory!, "pg_ctl"), ["-D", Data, "-m", "fast", "-w", "stop"], asServerUser: true);

    /// <summary>Makes an empty database.</summary>
    public async Task<string> CreateDatabase(string? name = null)
    {
        name ??= "cc_" + Guid.NewGuid().ToString("N")[..12];
        await Run(Path.Combine(BinDirectory!, "createdb"), ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", name], asServerUser: false);
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        try { await Run(Path.Combine(BinDirectory!, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], asServerUser: true); }
        catch (InvalidOperationException) { /* already stopped or killed */ }
        try { Directory.Delete(directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static bool CommandLineMentions(OsProcess process, string text)
    {
        try { return File.ReadAllText($"/proc/{process.Id}/cmdline").Contains(text); }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static async Task Run(string program, string[] arguments, bool asServerUser)
    {
        var info = asServerUser && IsRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(program);
        if (asServerUser && IsRoot) foreach (var a in new[] { "-u", "postgres", "--", program }) info.ArgumentList.Add(a);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = OsProcess.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
    }
}
