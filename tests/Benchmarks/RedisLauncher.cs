using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommandCenter.Benchmarks;

/// <summary>A private redis-server for a benchmark, configured as the Redis profile requires (AOF, fsync per write, no eviction).</summary>
internal sealed class RedisLauncher : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private RedisLauncher(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>CPU time the process has used so far (user and kernel).</summary>
    public TimeSpan CpuTime { get { process.Refresh(); return process.TotalProcessorTime; } }
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisLauncher> Start()
    {
        const string executable = "/usr/bin/redis-server";
        if (!File.Exists(executable)) throw new InvalidOperationException($"{executable} is missing: apt-get install redis-server");
        var directory = Path.Combine(Path.GetTempPath(), "cc-bench-redis", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--dir", directory, "--appendonly", "yes", "--appendfsync", "always", "--maxmemory-policy", "noeviction", "--save", "" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new RedisLauncher(process, directory, port);
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new TimeoutException("redis-server did not start");
    }

    public ValueTask DisposeAsync()
    {
        process.Kill();
        process.WaitForExit();
        try { Directory.Delete(directory, true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
