using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Grains.Incidents;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Runtime;

namespace CommandCenter.Tests.Incidents;

/// <summary>
/// The SLA clock inside the running silo, on a fake clock: deadlines fire once, after deactivation,
/// after a restart, and however often the reminder ticks.
/// </summary>
[Trait("Category", "InProcess")]
public class SlaClockTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-sla", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    private static async Task<string> ReportUrgent(CenterFactory center)
    {
        var client = await center.ClientFor("operator1");
        var (lat, lon) = SampleCity.NextPoint();
        var response = await client.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0102", priority = "urgent", lat, lon, description = "井盖缺失", channel = "hotline",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static IIncidentGrain Incident(CenterFactory center, string id) =>
        center.Services.GetRequiredService<IGrainFactory>().GetGrain<IIncidentGrain>(id);

    private static async Task<int> Count(CenterFactory center, string id, IncidentAction action) =>
        (await Incident(center, id).GetEvents()).Count(e => e.Action == action);

    [Fact]
    public async Task A_doubled_or_late_tick_changes_nothing_twice()
    {
        using var center = new CenterFactory(data, clock);
        var id = await ReportUrgent(center);                      // urgent: dispatch within 10 minutes, warn at 8

        clock.Advance(TimeSpan.FromMinutes(8));
        await Incident(center, id).Wake();
        await Incident(center, id).Wake();
        (await Count(center, id, IncidentAction.Warn)).Should().Be(1);

        clock.Advance(TimeSpan.FromMinutes(2));
        await Task.WhenAll(Incident(center, id).Wake(), Incident(center, id).Wake(), Incident(center, id).Wake());
        clock.Advance(TimeSpan.FromHours(1));
        await Incident(center, id).Wake();

        (await Count(center, id, IncidentAction.Escalate)).Should().Be(1);
        var state = await Incident(center, id).GetState();
        state!.Rung.Should().Be(EscalationRung.GridLeader);
    }

    [Fact]
    public async Task A_deadline_fires_once_after_the_incident_was_deactivated()
    {
        using var center = new CenterFactory(data, clock);
        var id = await ReportUrgent(center);
        var grains = center.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);

        (await management.GetActiveGrains(GrainType.Create("incident"))).Select(g => g.Key.ToString()).Should().Contain(id);

        await management.ForceActivationCollection(TimeSpan.Zero);
        var active = await management.GetActiveGrains(GrainType.Create("incident"));
        active.Select(g => g.Key.ToString()).Should().NotContain(id, "the incident grain must really have been deactivated");

        clock.Advance(TimeSpan.FromMinutes(11));
        await Incident(center, id).Wake();                          // what the reminder does: activates it again
        await Incident(center, id).Wake();

        (await Count(center, id, IncidentAction.Escalate)).Should().Be(1);
    }

    [Fact]
    public async Task The_grid_wakes_an_incident_that_left_memory_when_its_deadline_passes()
    {
        using var center = new CenterFactory(data, clock);
        var id = await ReportUrgent(center);                        // urgent: warn at 8 minutes, due at 10
        var grains = center.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var state = (await Incident(center, id).GetState())!;
        var grid = grains.GetGrain<CommandCenter.Grains.Grids.IGridGrain>(state.Placement!.GridId);
        (await grid.NextWakeOf(id)).Should().Be(state.Active!.Deadline.WarnAt, "the grid's clock holds the incident's next instant");

        // Idle incidents leave memory; the grid, watching a clock, stays.
        await management.ForceActivationCollection(TimeSpan.Zero);
        (await management.GetActiveGrains(GrainType.Create("incident"))).Select(g => g.Key.ToString()).Should().NotContain(id);
        (await management.GetActiveGrains(GrainType.Create("grid"))).Select(g => g.Key.ToString()).Should().Contain(state.Placement.GridId);

        clock.Advance(TimeSpan.FromMinutes(8));                     // nobody calls the incident: only the grid's timer can
        (await WaitFor(() => Recorded(center, id, IncidentAction.Warn))).Should().Be(1);
        (await grid.NextWakeOf(id)).Should().Be(state.Active.Deadline.DueAt, "the warned incident told the grid its deadline");

        await management.ForceActivationCollection(TimeSpan.Zero);
        clock.Advance(TimeSpan.FromMinutes(2));
        (await WaitFor(() => Recorded(center, id, IncidentAction.Escalate))).Should().Be(1);
        (await Recorded(center, id, IncidentAction.Warn)).Should().Be(1);
    }

    /// <summary>Read from the ledger, not through the incident: asking the incident would bring it back and it would wake itself.</summary>
    private static async Task<int> Recorded(CenterFactory center, string id, IncidentAction action) =>
        (await center.Services.GetRequiredService<IIncidentLedger>().Read(id)).Count(e => e.Action == action);

    /// <summary>What an asynchronous wake did, read until it is there (a timer's work lands a moment after the clock moved).</summary>
    private static async Task<int> WaitFor(Func<Task<int>> count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var n = await count();
            if (n > 0 || attempt == 200) return n;
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task After_a_restart_work_that_fell_due_while_down_escalates_at_once_and_only_once()
    {
        string id;
        using (var first = new CenterFactory(data, clock))
        {
            id = await ReportUrgent(first);
            (await Count(first, id, IncidentAction.Escalate)).Should().Be(0);
        }

        clock.Advance(TimeSpan.FromMinutes(30));                    // the center is down past the deadline
        using var second = new CenterFactory(data, clock);
        _ = second.Services;                                        // start: the SLA re-arm runs before the API answers

        (await Count(second, id, IncidentAction.Escalate)).Should().Be(1);
        var events = await Incident(second, id).GetEvents();
        events.Single(e => e.Action == IncidentAction.Escalate).At.Should().Be(clock.GetUtcNow());
        await Incident(second, id).Wake();
        (await Count(second, id, IncidentAction.Escalate)).Should().Be(1);
    }

    public void Dispose()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
