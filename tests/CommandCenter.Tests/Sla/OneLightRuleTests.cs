using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grains.Replay;
using CommandCenter.Grains.Sla;
using CommandCenter.Grains.Wall;
using CommandCenter.Incidents;
using CommandCenter.Replay;
using CommandCenter.Storage;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Sla;

/// <summary>
/// Every surface that shows an SLA light or an overdue count asks the one light rule, so over random
/// histories (suspensions, resumes, extensions, returns, rework, joint tasks, unanswered visits, late and
/// missed clock wake-ups) they agree at any instant: the incident view, the list and its overdue filter of
/// the SQLite ledger, the wall's pushed light and its overdue counter, scope state-at and replay.
/// Seeded: a failure names the seed of its history and the instant, and the same seed writes the same history.
/// </summary>
[Trait("Category", "InProcess")]
public sealed class OneLightRuleTests : IAsyncLifetime
{
    private const int Seed = 132_026;
    private const int Histories = 1_000;
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    // In memory-backed /dev/shm where there is one: the surfaces are under test here, not the disk's fsync.
    private readonly TemporarySqlite database = new("cc-light", SqliteIncidentLedger.Schema, inMemory: true);
    private SqliteIncidentLedger ledger = null!;

    public Task InitializeAsync()
    {
        ledger = new SqliteIncidentLedger(database.Database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Every_surface_shows_the_same_light_and_the_same_overdue_set_over_a_thousand_random_histories()
    {
        var histories = new List<RandomHistory>();
        var suspendedPastDue = 0;
        for (var i = 0; i < Histories; i++)
        {
            var history = RandomHistory.Write($"P{i:D4}", Seed + i, Start);
            histories.Add(history);
            var instants = new Random(Seed + i);
            var written = new List<IncidentEvent>();
            for (var k = 0; k < history.Batches.Count; k++)
            {
                var batch = history.Batches[k];
                written.AddRange(batch);
                var state = IncidentState.Fold(written);
                await ledger.Append(batch, IncidentSummary.Of(state));
                // This state stands from its batch's instant until the next batch (the last one: three days on).
                var from = batch[0].At;
                var until = k + 1 < history.Batches.Count ? history.Batches[k + 1][0].At : from + TimeSpan.FromDays(3);
                if (until <= from) continue;
                foreach (var at in RandomHistory.InstantsWithin(instants, state, from, until))
                {
                    if (state.Status == IncidentStatus.Suspended && state.Active?.Deadline.DueAt <= at) suspendedPastDue++;
                    await EverySurfaceAgrees(history, written, state, at);
                }
            }
        }

        suspendedPastDue.Should().BeGreaterThan(50, "the histories must exercise suspended incidents past their old deadline");
        await TheOverdueSetsAgree(histories);
    }

    /// <summary>One incident at one instant: each surface's light and overdue answer against the rule's.</summary>
    private async Task EverySurfaceAgrees(RandomHistory history, IReadOnlyList<IncidentEvent> written, IncidentState state, DateTimeOffset at)
    {
        var rule = SlaLightRule.LightAt(state, at);
        var word = SlaLightWords.Word(rule);

        var view = IncidentView.Of(state, written, SampleRules.Policy, SampleRules.Catalogue, at, Actor.System).Light;
        var replayed = IncidentHistory.StateAt(history.Events, at)!;      // the whole ledger, read later, folded to the instant
        var replay = IncidentAt.Of(replayed, SampleRules.Policy, at).Light;
        var listed = (await ledger.Query(Only(history.Id, overdue: null, at))).Items.Single();
        var list = SlaLightWords.Word(listed.Light.At(at));
        var wall = Deltas.Of(listed).Light;
        var overdueListed = (await ledger.Query(Only(history.Id, overdue: true, at))).Total;
        var notOverdueListed = (await ledger.Query(Only(history.Id, overdue: false, at))).Total;

        (view, replay, list, SlaLightWords.Word(wall.At(at)), wall.IsOverdueAt(at), overdueListed, notOverdueListed)
            .Should().Be((word, word, word, word, rule == SlaLight.Red, rule == SlaLight.Red ? 1 : 0, rule == SlaLight.Red ? 0 : 1),
                $"every surface shows the rule's light; seed {history.Seed} ({history.Id}, {IncidentSteps.Word(state.Status)}, version {state.Version}) at {at:O}");
        if (rule != SlaLight.None)
            ((int)WorstLight.Of(history.Events, at)).Should().BeGreaterThanOrEqualTo((int)rule, $"the worst light includes the light at the instant; seed {history.Seed} at {at:O}");
    }

    /// <summary>Many incidents at once: the ledger's overdue list, the wall's feed, scope state-at and the view agree on which are overdue.</summary>
    private async Task TheOverdueSetsAgree(IReadOnlyList<RandomHistory> histories)
    {
        var random = new Random(Seed);
        var scopes = new ScopeHistory(ledger, new FakeTimeProvider(Start));
        var end = histories.Max(h => h.Events[^1].At);

        // After every history's last event the ledger's summaries are the incidents' states: every surface can answer.
        for (var n = 0; n < 8; n++)
        {
            var at = end + TimeSpan.FromMinutes(random.Next(0, 3 * 24 * 60));
            var expected = Ids(histories.Where(h => SlaLightRule.IsOverdueAt(h.State, at)));
            var views = Ids(histories.Where(h => IncidentView.Of(h.State, h.Events, SampleRules.Policy, SampleRules.Catalogue, at, Actor.System).Light == "red"));
            var listed = (await ledger.Query(new IncidentQuery(null, null, true, null, null, at, 0, Histories))).Items.Select(s => s.Id).ToHashSet();
            var scope = await OverdueInScope(scopes, "JY", at);
            expected.Should().NotBeEmpty().And.BeEquivalentTo(views, $"views at {at:O}");
            listed.Should().BeEquivalentTo(expected, $"the ledger's overdue list at {at:O}");
            scope.Should().BeEquivalentTo(expected, $"scope state-at at {at:O}");
            foreach (var town in new[] { "JY01", "JY02", "JY10" })
            {
                // The wall's feed for a town loads its open incidents from the ledger and counts the overdue ones by their pushed light.
                var feed = (await ledger.OpenIn(town, subtree: true)).Select(Deltas.Of).Where(d => d.Light.IsOverdueAt(at)).Select(d => d.Id).ToHashSet();
                var inTown = Ids(histories.Where(h => SlaLightRule.IsOverdueAt(h.State, at) && h.State.Placement?.Chain.Contains(town) == true));
                feed.Should().BeEquivalentTo(inTown, $"the wall's overdue count for {town} at {at:O}");
                (await OverdueInScope(scopes, town, at)).Should().BeEquivalentTo(inTown, $"scope state-at of {town} at {at:O}");
            }
        }

        // Before the end, replay and scope state-at fold the ledger to the instant; the view of the state then agrees.
        for (var n = 0; n < 4; n++)
        {
            var at = Start + TimeSpan.FromTicks((long)(random.NextDouble() * (end - Start).Ticks));
            var expected = Ids(histories.Where(h => IncidentHistory.StateAt(h.Events, at) is { } s && SlaLightRule.IsOverdueAt(s, at)));
            var views = Ids(histories.Where(h => IncidentHistory.StateAt(h.Events, at) is { } s
                && IncidentView.Of(s, h.Events.TakeWhile(e => e.At <= at).ToList(), SampleRules.Policy, SampleRules.Catalogue, at, Actor.System).Light == "red"));
            views.Should().BeEquivalentTo(expected, $"views at {at:O}");
            (await OverdueInScope(scopes, "JY", at)).Should().BeEquivalentTo(expected, $"scope state-at at {at:O}");
        }
    }

    private static async Task<HashSet<string>> OverdueInScope(ScopeHistory scopes, string scope, DateTimeOffset at)
    {
        var ids = new HashSet<string>();
        await foreach (var state in scopes.StatesAt(SampleCity.Hierarchy, scope, at))
            if (IncidentAt.Of(state, SampleRules.Policy, at).Light == "red") ids.Add(state.Id);
        return ids;
    }

    private static HashSet<string> Ids(IEnumerable<RandomHistory> histories) => histories.Select(h => h.Id).ToHashSet();

    private static IncidentQuery Only(string id, bool? overdue, DateTimeOffset at) =>
        new(null, null, overdue, null, null, at, 0, 10) { Ids = [id] };
}
