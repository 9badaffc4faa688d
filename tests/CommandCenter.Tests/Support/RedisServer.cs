using System.Diagnostics;
using System.Net.Sockets;
using OsProcess = System.Diagnostics.Process;

namespace CommandCenter.Tests.Support;

/// <summary>
/// A private redis-server for one test: its own port and data directory, AOF with an fsync per write,
/// no eviction, no RDB snapshots, as the Redis profile requires. It can be killed with SIGKILL and
/// started again on the same port and files. scripts/test.sh installs Debian's redis-server.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Executable = "/usr/bin/redis-server";
    private readonly string directory = Path.Combine(Path.GetTempPath(), "cc-redis", Guid.NewGuid().ToString("N"));
    private OsProcess? process;

    private RedisServer() => Port = FreePort.Next();

    public int Port { get; }

    /// <summary>The connection string for Storage:Redis.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> Start()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: run scripts/test.sh, or apt-get install redis-server.");
        var server = new RedisServer();
        Directory.CreateDirectory(server.directory);
        await server.Run();
        return server;
    }

    private async Task Run()
    {
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", directory,
                     "--appendonly", "yes", "--appendfsync", "always", "--maxmemory-policy", "noeviction", "--save", "",
                 })
            info.ArgumentList.Add(argument);
        process = OsProcess.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await Answers()) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"redis-server did not answer on port {Port}");
    }

    /// <summary>True once the server answers PING (after loading its AOF).</summary>
    private async Task<bool> Answers()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG");
        }
        catch (SocketException) { return false; }
        catch (IOException) { return false; }
    }

    /// <summary>SIGKILL: Redis gets no chance to write anything more.</summary>
    public void Kill()
    {
        if (process is null || process.HasExited) return;
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>Starts again on the same port and files, replaying the AOF.</summary>
    public Task Restart()
    {
        Kill();
        return Run();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
