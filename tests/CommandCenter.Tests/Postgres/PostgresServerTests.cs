using System.Diagnostics;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Postgres;

/// <summary>The private PostgreSQL the profile's tests run on: made, killed and started again on its files, keeping what was committed.</summary>
[Trait("Category", "Postgres")]
public class PostgresServerTests
{
    [Fact]
    public async Task A_private_server_keeps_a_committed_row_across_a_kill_and_a_restart_and_refuses_connections_while_down()
    {
        await using var server = await PostgresServer.Start();
        var database = await server.CreateDatabase();
        (await Sql(server, database, "CREATE TABLE t (v int); INSERT INTO t VALUES (42); SELECT v FROM t")).Should().Be("42");

        server.Kill();
        (await Exits(server, database, "SELECT 1")).Should().NotBe(0, "nothing answers while the server is down");

        await server.Run();
        (await Sql(server, database, "SELECT v FROM t")).Should().Be("42");
    }

    private static async Task<string> Sql(PostgresServer server, string database, string sql)
    {
        var (code, output) = await Psql(server, database, sql);
        code.Should().Be(0, output);
        return output.Trim();
    }

    private static async Task<int> Exits(PostgresServer server, string database, string sql) => (await Psql(server, database, sql)).Code;

    private static async Task<(int Code, string Output)> Psql(PostgresServer server, string database, string sql)
    {
        var info = new ProcessStartInfo(Path.Combine(PostgresServer.BinDirectory!, "psql")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-h", "127.0.0.1", "-p", server.Port.ToString(), "-U", "postgres", "-d", database, "-tAqc", sql }) info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
