using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CsCheck;

namespace CommandCenter.Rules.Tests.Actions;

/// <summary>
/// Random histories (people taking what they are offered, the clock running, duplicates linked) and, at
/// every step, every person: what AllowedFor offers is exactly what Decide takes from that person, and a
/// refusal lists what that person may do now and never the action it refused.
/// </summary>
[Trait("Category", "Unit")]
public class AllowedForProperties
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private static readonly GridPlacement Urban = new("JY01-01-01", ["JY01-01-01", "JY01-01", "JY01", "JY"], GridArea.Urban);
    private static readonly SlaRules Rules = new(TestPolicies.Policy, TestPolicies.E0102);
    private static readonly string[] Members = ["M1", "M2", "M3"];
    private static readonly Actor[] People =
    [
        new("operator1", Roles.Operator), new("supervisor1", Roles.Supervisor), new("admin", Roles.Admin),
        new("M1", Roles.Worker, "M1"), new("M2", Roles.Worker, "M2"), new("M3", Roles.Worker, "M3"),
    ];
    private static readonly ActionRule[] Choices = IncidentActions.All.Where(r => r.Kind == ActionKind.Person).ToArray();

    private static Gen<T> Pick<T>(params T[] choices) => Gen.Int[0, choices.Length - 1].Select(i => choices[i]);

    /// <summary>One step of a history: minutes passing, then (maybe a duplicate report, and) a person picking from their offers.</summary>
    private sealed record Turn(int Minutes, bool Duplicate, int Person, int Pick, int Seed);

    private static readonly Gen<Turn> TurnGen =
        Gen.Select(Gen.Int[0, 300], Gen.Int[0, 9], Gen.Int[0, People.Length - 1], Gen.Int[0, 20], Gen.Int[0, 1000],
            (m, d, p, k, s) => new Turn(m, d == 0, p, k, s));

    [Fact]
    public void What_AllowedFor_offers_is_exactly_what_Decide_takes_from_that_person()
    {
        Gen.Select(Gen.Bool, TurnGen.Array[1, 30]).Sample((located, turns) =>
        {
            var now = T0;
            var events = IncidentLifecycle.Report("JY-1", new IncidentReport("E0102", Priority.Normal, "x", "hotline", 31.9, 120.28),
                located ? Urban : null, People[0], now, Rules).ToList();
            foreach (var turn in turns)
            {
                now = now.AddMinutes(turn.Minutes);
                events.AddRange(IncidentLifecycle.Watch(IncidentState.Fold(events), now, Rules));
                var state = IncidentState.Fold(events);
                if (turn.Duplicate && state.IsOpen)
                {
                    events.AddRange(IncidentLifecycle.Link(state, new IncidentReport("E0102", Priority.Normal, "again", "hotline", 31.9, 120.28), People[0], now).Events);
                    state = IncidentState.Fold(events);
                }

                foreach (var person in People) CheckEveryChoice(state, person, now, turn.Seed);

                var actor = People[turn.Person];
                var offered = IncidentActions.AllowedFor(state, actor);
                if (offered.Count == 0) continue;
                var outcome = IncidentLifecycle.Decide(state, GoodCommand(offered[turn.Pick % offered.Count], state, actor, turn.Seed), actor, now, Rules);
                events.AddRange(outcome.Events);
            }
        }, iter: 1_000);
    }

    [Fact]
    public void A_refusal_never_lists_the_refused_action_for_that_person()
    {
        var command =
            from rule in Gen.Int[0, Choices.Length - 1].Select(i => Choices[i])
            from note in Pick<string?>("note", null, " ")
            from task in Pick<string?>("T1", "T2", null)
            from member in Pick<string?>("M1", "M2", null)
            select new IncidentCommand(rule.Action) { Note = note, TaskId = task, MemberId = member, Placement = Urban, Passed = true, Satisfaction = 3 };
        Gen.Select(TurnGen.Array[0, 25], Gen.Int[0, People.Length - 1], command).Sample((turns, person, attempt) =>
        {
            var state = Evolve(turns, out var now);
            var actor = People[person];
            var outcome = IncidentLifecycle.Decide(state, attempt, actor, now, Rules);
            if (outcome.Accepted) return;
            var word = IncidentActionWords.Word(attempt.Action);
            outcome.Rejection!.AllowedNow.Should().Equal(IncidentActions.AllowedFor(state, actor).Select(r => r.Word), "a refusal lists what this person may do now");
            // In a joint handling a worker may hold another sub-task it may accept or resolve: naming the wrong one is refused, the action stays offered.
            var namedASubTask = ActionStages.Of(state) == ActionStage.JointHandling && attempt.Action is IncidentAction.Accept or IncidentAction.Resolve;
            if (outcome.Rejection.Kind is RejectionKind.Forbidden or RejectionKind.IllegalState && !namedASubTask)
                outcome.Rejection.AllowedNow.Should().NotContain(word, $"{actor.Name} was refused {word} ({outcome.Rejection.Message})");
        }, iter: 1_500);
    }

    /// <summary>Each choice, made with good fields: taken when offered, refused for role, state or place when not.</summary>
    private static void CheckEveryChoice(IncidentState state, Actor person, DateTimeOffset now, int seed)
    {
        var offered = IncidentActions.AllowedFor(state, person);
        foreach (var rule in Choices)
        {
            var outcome = IncidentLifecycle.Decide(state, GoodCommand(rule, state, person, seed), person, now, Rules);
            var what = $"{person.Name} {rule.Word} while {ActionStages.Word(ActionStages.Of(state))}";
            if (offered.Contains(rule))
                outcome.Accepted.Should().BeTrue($"{what} is offered, so it is taken ({outcome.Rejection?.Message})");
            else
            {
                outcome.Accepted.Should().BeFalse($"{what} is not offered, so it is refused");
                outcome.Rejection!.Kind.Should().BeOneOf([RejectionKind.Forbidden, RejectionKind.IllegalState], $"{what}: {outcome.Rejection.Message}");
                outcome.Rejection.AllowedNow.Should().NotContain(rule.Word);
            }
        }
    }

    private static IncidentState Evolve(Turn[] turns, out DateTimeOffset now)
    {
        now = T0;
        var events = IncidentLifecycle.Report("JY-1", new IncidentReport("E0102", Priority.Normal, "x", "hotline", 31.9, 120.28), Urban, People[0], now, Rules).ToList();
        foreach (var turn in turns)
        {
            now = now.AddMinutes(turn.Minutes);
            events.AddRange(IncidentLifecycle.Watch(IncidentState.Fold(events), now, Rules));
            var state = IncidentState.Fold(events);
            var actor = People[turn.Person];
            var offered = IncidentActions.AllowedFor(state, actor);
            if (offered.Count == 0) continue;
            events.AddRange(IncidentLifecycle.Decide(state, GoodCommand(offered[turn.Pick % offered.Count], state, actor, turn.Seed), actor, now, Rules).Events);
        }
        return IncidentState.Fold(events);
    }

    /// <summary>A request with every field the action asks for filled in well for this person and state.</summary>
    private static IncidentCommand GoodCommand(ActionRule rule, IncidentState state, Actor actor, int seed)
    {
        var others = Members.Where(m => m != state.AssigneeId).ToArray();
        var mine = state.SubTasks.FirstOrDefault(t => rule.SubTaskFrom.Contains(t.Status) && (actor.Role != Roles.Worker || t.MemberId == actor.MemberId));
        return new IncidentCommand(rule.Action)
        {
            Placement = Urban,
            MemberId = others[seed % others.Length],
            Note = "说明",
            Passed = seed % 3 != 0,
            Approved = seed % 2 == 0,
            Satisfaction = 1 + seed % 5,
            RequestedDueAt = (state.Active?.Deadline.DueAt ?? T0).AddHours(1 + seed % 5),
            LinkId = state.Links.FirstOrDefault(l => l.UnlinkedInto is null)?.LinkId,
            NewIncidentId = "JY-2",
            TaskId = (mine ?? state.SubTasks.FirstOrDefault())?.TaskId,
            Tasks = [new TaskPlan(Platform.LawEnforcement, Members[seed % 3]), new TaskPlan(Platform.CitizenServices, Members[(seed + 1) % 3])],
        };
    }
}
