using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Replay;
using CommandCenter.Replay;
using CommandCenter.Storage;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Wire;

/// <summary>
/// The replay page folds the ledger in the browser (src/Dashboard/src/replay/incidentFold.ts). These fixtures hold
/// histories with the states the server folds from them (IncidentAt, as /api/replay writes its snapshot) at every
/// event and between events; the page's vitest suite folds the same events and must agree. A change to the
/// server's fold changes the fixtures, so it fails here until they are regenerated, and then there until the page follows.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FoldFixtureTests
{
    public static string Folder => Path.Combine(Repo.Root, "src", "Dashboard", "test", "fixtures", "fold");

    // Indented and with '+' and CJK left as they are, for people reading a fixture; the values are the ledger's JSON.
    private static readonly JsonSerializerOptions Indented = new(LedgerJson.Options)
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public void Committed_fold_fixtures_match_what_the_server_folds_now()
    {
        var written = new List<string>();
        var problems = new List<string>();
        foreach (var history in FoldHistories.All())
        {
            var path = Path.Combine(Folder, $"{history.Name}.json");
            written.Add(path);
            if (CommittedFile.Difference(path, Fixture(history)) is { } difference) problems.Add(difference);
        }
        problems.AddRange(CommittedFile.Strays(Folder, written).Select(stray => $"{stray} is no longer generated."));
        problems.Should().BeEmpty($"the server's fold decides what the page must show; run `{WireContract.RegenerateCommand}` to regenerate the fixtures, then make incidentFold.ts agree (npm test in src/Dashboard)");
    }

    [Fact]
    public void Every_action_of_the_loop_appears_in_some_fixture_history()
    {
        var seen = FoldHistories.All().SelectMany(h => h.Events).Select(e => e.Action).ToHashSet();
        Enum.GetValues<IncidentAction>().Where(a => !seen.Contains(a)).Should().BeEmpty("every event the ledger can hold should be folded by both sides");
    }

    /// <summary>The history's events as /api/replay writes them, and the server's state at each instant worth looking at.</summary>
    public static string Fixture(FoldHistory history)
    {
        var events = new JsonArray();
        foreach (var e in history.Events)
        {
            var line = new JsonObject { ["kind"] = "event" };
            foreach (var (name, value) in JsonSerializer.SerializeToNode(e, LedgerJson.Options)!.AsObject()) line[name] = value?.DeepClone();
            events.Add(line);
        }
        var states = new JsonArray();
        foreach (var at in Instants(history.Events))
        {
            var state = IncidentHistory.StateAt(history.Events, at)!;
            states.Add(new JsonObject
            {
                ["at"] = JsonSerializer.SerializeToNode(at, LedgerJson.Options),
                ["incident"] = JsonSerializer.SerializeToNode(IncidentAt.Of(state, SampleRules.Policy, at), LedgerJson.Options),
            });
        }
        var fixture = new JsonObject
        {
            ["name"] = history.Name,
            ["covers"] = new JsonArray([.. history.Covers.Select(c => JsonValue.Create(c))]),
            ["events"] = events,
            ["states"] = states,
        };
        return fixture.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Each event's instant, the middle of each quiet stretch (where only the clock moves the light), and a day after the end.</summary>
    private static IEnumerable<DateTimeOffset> Instants(IReadOnlyList<IncidentEvent> events)
    {
        var times = events.Select(e => e.At).Distinct().Order().ToList();
        for (var i = 0; i < times.Count; i++)
        {
            yield return times[i];
            if (i + 1 < times.Count) yield return times[i] + (times[i + 1] - times[i]) / 2;
        }
        yield return times[^1] + TimeSpan.FromDays(1);
    }
}
