using System.Text.Json;

namespace CommandCenter.Simulator;

/// <summary>
/// What people do with one incident: an operator dispatches it to the top-ranked member, the worker
/// accepts and handles it, a supervisor checks it, an operator makes the return visit. Each acts at
/// a share of the time its step allows (read from the incident's running deadline), mostly in time
/// and now and then late, so the SLA lights and escalations are real.
/// </summary>
public sealed class CaseWork(CenterApi api, Random random)
{
    public long Dispatched, Accepted, Resolved, Verified, Closed, Reworks, Unassigned;

    public async Task Handle(string id, CancellationToken stop)
    {
        try
        {
            await Pause(id, stop);
            var current = await api.Get("operator1", $"/api/incidents/{id}");
            if (current?.GetProperty("state").GetString() != "gridded")
            {
                // Auto-dispatched by policy (urgent emergencies), or already on its way: the worker takes it from here.
                if (current?.GetProperty("state").GetString() == "dispatched") await AcceptAndHandle(id, stop);
                return;
            }
            var ranking = await api.Get("operator1", $"/api/incidents/{id}/recommendations");
            // The top-ranked member; with nobody on duty nearby, an operator still gives it to someone of the grid.
            var memberId = ranking?.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("memberId").GetString()).FirstOrDefault()
                           ?? ranking?.GetProperty("excluded").EnumerateArray().Select(c => c.GetProperty("memberId").GetString()).FirstOrDefault();
            if (memberId is null) { Interlocked.Increment(ref Unassigned); return; }
            if (!(await api.Post("operator1", $"/api/incidents/{id}/actions/dispatch", new { memberId })).Ok) return;
            Interlocked.Increment(ref Dispatched);
            await AcceptAndHandle(id, stop);
        }
        catch (OperationCanceledException) { }
    }

    private async Task AcceptAndHandle(string id, CancellationToken stop)
    {
        try
        {
            await Pause(id, stop);
            if (!(await api.Post("admin", $"/api/incidents/{id}/actions/accept", new { })).Ok) return;
            Interlocked.Increment(ref Accepted);

            for (var attempt = 0; attempt < 3; attempt++)
            {
                await Pause(id, stop);
                if (!(await api.Post("admin", $"/api/incidents/{id}/actions/resolve", new { note = "已处置完毕" })).Ok) return;
                Interlocked.Increment(ref Resolved);
                await Pause(id, stop);
                var passed = Chance(0.9);
                if (!(await api.Post("supervisor1", $"/api/incidents/{id}/actions/verify", new { passed, note = passed ? "核查通过" : "现场仍有问题，返工" })).Ok) return;
                if (passed) break;
                Interlocked.Increment(ref Reworks);
            }
            Interlocked.Increment(ref Verified);
            if (Chance(0.9))
            {
                await Pause(id, stop);
                var satisfaction = Chance(0.7) ? 5 : Chance(0.6) ? 4 : 3;
                var state = (await api.Get("operator1", $"/api/incidents/{id}"))?.GetProperty("state").GetString();
                if (state == "verified" && (await api.Post("operator1", $"/api/incidents/{id}/actions/evaluate", new { satisfaction })).Ok) Interlocked.Increment(ref Closed);
            }
            // Else the return-visit limit runs out and the center closes the loop by itself.
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Waits a share of the time left on the incident's running deadline: usually 20–90%, sometimes past it.</summary>
    private async Task Pause(string id, CancellationToken stop)
    {
        var incident = await api.Get("operator1", $"/api/incidents/{id}");
        var due = incident?.GetProperty("deadlines").EnumerateArray().LastOrDefault(d => d.GetProperty("active").GetBoolean()) is { ValueKind: JsonValueKind.Object } d
            ? d.GetProperty("dueAt").GetDateTimeOffset()
            : DateTimeOffset.UtcNow.AddSeconds(10);
        var left = Math.Max(0.5, (due - DateTimeOffset.UtcNow).TotalSeconds);
        var share = Chance(0.08) ? 1.05 + Next() * 0.5 : 0.2 + Next() * 0.7;
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(left * share, 600)), stop);
    }

    private double Next() { lock (random) return random.NextDouble(); }
    private bool Chance(double p) => Next() < p;
}
