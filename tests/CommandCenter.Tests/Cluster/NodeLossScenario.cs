using System.Text.Json;
using CommandCenter.Tests.Support;
using Xunit.Abstractions;

namespace CommandCenter.Tests.Cluster;

/// <summary>
/// The node-loss scenario shared by every clustered profile. Two nodes under a steady load of reports and transitions;
/// <paramref name="a"/> is killed with SIGKILL. Read through the survivor <paramref name="b"/>: everything acknowledged
/// is there, every deadline the dead node was minding fires, and a client of the dead node reconnects to the survivor
/// and resyncs with nothing missed. Both nodes run the seconds SLA policy and <see cref="RedisNodes.ReminderPeriod"/>.
/// </summary>
public static class NodeLossScenario
{
    /// <param name="deathDetection">From kill -9 to the survivor owning the dead node's work with the profile's membership timings.</param>
    public static async Task Run(CenterProcess a, CenterProcess b, TimeSpan deathDetection, ITestOutputHelper output)
    {
        var token = await LiveClient.Token(a.Address, "admin", CenterFactory.AdminPassword);
        using var onA = LoadLoop.Api(a, token);
        using var onB = LoadLoop.Api(b, token);
        await using (var wallOnA = await LiveClient.Connect(a.Address, token))
        {
            await wallOnA.Follow("scope:JY");

            // Half the loops use node A until it dies, then (as a client of a dead node would) node B.
            var load = new LoadLoop();
            var killed = false;
            using var stop = new CancellationTokenSource();
            var running = load.Run(6, loop => loop % 2 == 0 && !Volatile.Read(ref killed) ? onA : onB, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(6));

            var killedAt = DateTimeOffset.UtcNow;
            a.Kill();
            Volatile.Write(ref killed, true);
            await Task.Delay(TimeSpan.FromSeconds(6));
            await stop.CancelAsync();
            await running;
            output.WriteLine($"{load.Reported.Count} incidents reported, {load.Acknowledged.Count} steps acknowledged, {load.Failures} requests failed");
            load.Reported.Count.Should().BeGreaterThan(20, "the load ran on both nodes");

            // Every deadline due by now has had the time to fire on the survivor: detection plus one reminder period.
            var settled = killedAt + deathDetection + RedisNodes.ReminderPeriod;
            var wait = settled - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);

            var views = new Dictionary<string, JsonElement>();
            var latest = TimeSpan.Zero;
            var takenOver = 0;
            var ledger = await load.ShouldAllBeIn(onB, "by either node");
            foreach (var id in load.Reported.Keys)
            {
                var events = ledger[id];
                var view = await LoadLoop.Read(onB, $"/api/incidents/{id}");
                views[id] = view;
                foreach (var deadline in view.GetProperty("deadlines").EnumerateArray().Where(d => d.GetProperty("active").GetBoolean()))
                {
                    var due = deadline.GetProperty("dueAt").GetDateTimeOffset();
                    if (due > settled - TimeSpan.FromSeconds(1)) continue; // not yet owed
                    deadline.GetProperty("breached").GetBoolean().Should().BeTrue($"{id}'s {deadline.GetProperty("step").GetString()} deadline was due at {due:O}");
                    var step = deadline.GetProperty("step").GetString()!;
                    var fired = events.Where(e => e.GetProperty("action").GetString() == "Escalate"
                                                  && e.TryGetProperty("step", out var escalated)
                                                  && string.Equals(escalated.GetString(), step, StringComparison.OrdinalIgnoreCase))
                        .Select(e => e.GetProperty("at").GetDateTimeOffset()).Max();
                    fired.Should().BeOnOrAfter(due, "a deadline never fires early");
                    var late = fired - (due > killedAt ? due : killedAt);
                    if (late > latest) latest = late;
                    if (due > killedAt && late > TimeSpan.FromSeconds(1)) takenOver++; // its timer died with node A; a reminder fired it on B
                }
            }
            output.WriteLine($"latest breach after its deadline (or after the kill, if due before): {latest.TotalSeconds:0.0} s; {takenOver} deadlines fired late by the survivor's reminders");
            latest.Should().BeLessThanOrEqualTo(deathDetection + RedisNodes.ReminderPeriod);
            // A deadline due after the kill that fired more than a second late was not fired by a live grain's timer:
            // its grain died with node A, and the survivor's reminder woke it on node B.
            takenOver.Should().BeGreaterThan(0, "deadlines that node A was minding when it died were fired by the survivor");

            // A client of the dead node reconnects to the survivor with the same token and resyncs.
            await using var wallOnB = await LiveClient.Connect(b.Address, token);
            var snapshot = await wallOnB.Follow("scope:JY");
            var onWall = snapshot.Incidents.ToDictionary(i => i.Id);
            foreach (var (id, view) in views.Where(v => v.Value.GetProperty("state").GetString() is not ("cancelled" or "archived")))
            {
                onWall.Should().ContainKey(id, "an open incident is on the wall after the resync");
                onWall[id].State.Should().Be(view.GetProperty("state").GetString(), $"{id} shows its latest state");
            }

            var next = await LoadLoop.ReportOne(onB);
            var pushed = await wallOnB.WaitFor(x => x.Incidents.Any(i => i.Id == next), TimeSpan.FromSeconds(20));
            pushed.Epoch.Should().Be(snapshot.Epoch);
            pushed.Sequence.Should().BeGreaterThan(snapshot.Sequence);
        }
    }
}
