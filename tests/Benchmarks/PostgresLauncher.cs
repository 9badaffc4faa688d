using System.Diagnostics;

namespace CommandCenter.Benchmarks;

/// <summary>
/// A private PostgreSQL for a benchmark, durable as the Postgres profile runs in production (fsync on, synchronous
/// commit): Debian's server programs, a cluster made by initdb in a temporary folder and started by pg_ctl on a free
/// port. The minimal start logic of the tests' PostgresServer (the benchmarks do not reference the test project).
/// initdb refuses to run as root: as root the cluster belongs to the postgres user the package creates.
/// </summary>
internal sealed class PostgresLauncher : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "cc-bench-postgres", Guid.NewGuid().ToString("N"));
    private readonly int port = CenterLauncher.FreePort();

    private PostgresLauncher() { }

    private string Data => Path.Combine(directory, "data");

    private static string? BinDirectory { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
        : null;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database={database};Pooling=true;Timeout=5;Command Timeout=30";

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

    public static async Task<PostgresLauncher> Start()
    {
        if (BinDirectory is null)
            throw new InvalidOperationException("PostgreSQL's server programs are missing (/usr/lib/postgresql/*/bin): apt-get install postgresql");
        var server = new PostgresLauncher();
        Directory.CreateDirectory(server.directory);
        if (IsRoot) await Run("chown", ["-R", "postgres:postgres", server.directory], asServerUser: false);
        await Run(Path.Combine(BinDirectory, "initdb"), ["-D", server.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], asServerUser: true);
        var options = $"-p {server.port} -k {server.directory} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=300 -c shared_buffers=128MB";
        await Run(Path.Combine(BinDirectory, "pg_ctl"), ["-D", server.Data, "-o", options, "-l", Path.Combine(server.directory, "server.log"), "-w", "-t", "60", "start"], asServerUser: true);
        return server;
    }

    /// <summary>Makes an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabase()
    {
        var name = "cc_" + Guid.NewGuid().ToString("N")[..12];
        await Run(Path.Combine(BinDirectory!, "createdb"), ["-h", "127.0.0.1", "-p", port.ToString(), "-U", "postgres", name], asServerUser: false);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try { await Run(Path.Combine(BinDirectory!, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], asServerUser: true); }
        catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(directory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task Run(string program, string[] arguments, bool asServerUser)
    {
        var info = asServerUser && IsRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(program);
        if (asServerUser && IsRoot) foreach (var a in new[] { "-u", "postgres", "--", program }) info.ArgumentList.Add(a);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
    }
}
