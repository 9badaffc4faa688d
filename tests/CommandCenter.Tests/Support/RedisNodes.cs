namespace CommandCenter.Tests.Support;

/// <summary>
/// Command-center nodes on the Redis profile, each a real process with its own ports. Timings are cut
/// short so a test sees a killed node declared dead in seconds and its reminders taken over at once:
/// a probe a second, dead after two missed, reminders every few seconds (production: Orleans' defaults
/// and a one-minute SLA reminder).
/// </summary>
public static class RedisNodes
{
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(5);

    /// <summary>From kill -9 to the survivor owning the dead node's work, with these timings (generous for a loaded 2-core machine).</summary>
    public static readonly TimeSpan DeathDetection = TimeSpan.FromSeconds(20);

    public static string SecondsPolicy => Path.Combine(AppContext.BaseDirectory, "Support", "sla-policy.seconds.json");

    public static Task<CenterProcess> Start(RedisServer redis, params string[] extra) =>
        CenterProcess.Start(Path.Combine(Path.GetTempPath(), "cc-node", Guid.NewGuid().ToString("N")),
        [
            "--Storage:Profile=Redis",
            $"--Storage:Redis={redis.ConnectionString}",
            "--Cluster:Membership:ProbeTimeout=00:00:01",
            "--Cluster:Membership:MinProbeTimeout=00:00:01",
            "--Cluster:Membership:NumMissedProbesLimit=2",
            "--Cluster:Membership:TableRefreshTimeout=00:00:02",
            "--Cluster:Membership:IAmAliveTablePublishTimeout=00:00:05",
            "--Cluster:Membership:DeathVoteExpirationTimeout=00:00:10",
            "--Cluster:Reminders:MinimumReminderPeriod=00:00:05",
            "--Cluster:Reminders:RefreshReminderListPeriod=00:00:05",
            $"--Sla:ReminderPeriod={ReminderPeriod:c}",
            .. extra,
        ]);
}
