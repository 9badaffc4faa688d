namespace CommandCenter.Tests.Support;

/// <summary>
/// Command-center nodes on the Postgres profile, each a real process with its own ports. Redis is optional: given, it
/// is the SignalR backplane. Membership keeps Orleans' default probe timings: loading the sample city into PostgreSQL
/// (thousands of grain writes, each its own commit) keeps a node busy for a while, and one-second probes would turn
/// that into a failed join of the node starting beside it. Reminders are short, as with <see cref="RedisNodes"/>.
/// </summary>
public static class PostgresNodes
{
    /// <summary>
    /// From kill -9 to the survivor owning the dead node's work with Orleans' default probe timings (a probe every
    /// 5 s, dead after 3 missed, then the vote written to the membership table): generous for a loaded 2-core machine.
    /// </summary>
    public static readonly TimeSpan DeathDetection = TimeSpan.FromSeconds(60);

    public static Task<CenterProcess> Start(string connectionString, RedisServer? backplane = null, string? dataDirectory = null, params string[] extra) =>
        CenterProcess.Start(dataDirectory ?? NewDataDirectory(),
        [
            "--Storage:Profile=Postgres",
            $"--Storage:Postgres={connectionString}",
            .. backplane is null ? Array.Empty<string>() : [$"--Storage:Redis={backplane.ConnectionString}"],
            "--Cluster:Reminders:MinimumReminderPeriod=00:00:05",
            "--Cluster:Reminders:RefreshReminderListPeriod=00:00:05",
            $"--Sla:ReminderPeriod={RedisNodes.ReminderPeriod:c}",
            .. extra,
        ]);

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "cc-node", Guid.NewGuid().ToString("N"));
}
