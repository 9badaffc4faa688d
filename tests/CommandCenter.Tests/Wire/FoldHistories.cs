using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Wire;

/// <summary>A named incident history and the paths of the loop it walks.</summary>
public sealed record FoldHistory(string Name, IReadOnlyList<string> Covers, IReadOnlyList<IncidentEvent> Events);

/// <summary>
/// Incident histories written through the real lifecycle rules, covering every step and side path, for the
/// page's fold to be checked against the server's: each is folded here and by the replay page (incidentFold.ts).
/// Instants follow the deadlines the policy gives, so the clock's warnings, breaches and closings happen too.
/// </summary>
public static class FoldHistories
{
    // Tuesday 24 November 2026, 09:00 in the sample city: inside office hours, so working-time limits run.
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = new("admin", Roles.Admin);
    private static readonly TimeSpan Moment = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<FoldHistory> All() =>
    [
        new("straight-through", ["report with a position", "dispatch", "notice delivered and read", "accept", "warning", "resolve", "verify", "evaluate", "archive"], StraightThrough()),
        new("returned-and-reworked", ["report without a position", "breach", "alert acknowledged", "locate", "dispatch", "return", "re-dispatch", "rework", "return visit unanswered", "clock closes the return visit"], ReturnedAndReworked()),
        new("suspended-and-extended", ["warning", "suspend", "resume", "extension requested and approved", "extension refused", "supervise", "breach after resume"], SuspendedAndExtended()),
        new("joint-handling", ["split", "sub-task accept", "sub-task warning and breach", "sub-task resolve", "verify", "evaluate"], JointHandling()),
        new("duplicates-then-cancelled", ["link", "unlink", "supervise", "cancel"], DuplicatesThenCancelled()),
        new("suspended-while-red", ["breach", "suspend while red", "resume", "return", "cancel"], SuspendedWhileRed()),
    ];

    private static IReadOnlyList<IncidentEvent> StraightThrough()
    {
        var at = Start;
        var log = new HandBuiltLog("C-20261124-000001", at, Block("T01"));
        log.Dispatch(at += TimeSpan.FromMinutes(5), "M00001");
        var notice = log.State.Notices[^1].Sequence;
        log.Do(IncidentAction.AcknowledgeNotice, HandBuiltLog.Worker("M00001"), at += Moment, c => c with { NoticeSequence = notice });
        log.Do(IncidentAction.ReadNotice, HandBuiltLog.Worker("M00001"), at += TimeSpan.FromMinutes(1), c => c with { NoticeSequence = notice });
        log.Accept(at += TimeSpan.FromMinutes(2));
        log.Watch(WarnOf(log) + Moment);
        log.Resolve(WarnOf(log) + TimeSpan.FromMinutes(1));
        log.Verify(log.Events[^1].At + TimeSpan.FromMinutes(20), passed: true);
        log.Evaluate(log.Events[^1].At + TimeSpan.FromHours(1), 5);
        log.Do(IncidentAction.Archive, Admin, log.Events[^1].At + TimeSpan.FromHours(20));
        return log.Events;
    }

    private static IReadOnlyList<IncidentEvent> ReturnedAndReworked()
    {
        var log = new HandBuiltLog("C-20261124-000002", Start + TimeSpan.FromMinutes(3), placement: null, category: "E0101");
        log.Watch(WarnOf(log) + Moment);
        log.Watch(DueOf(log) + Moment);
        log.Do(IncidentAction.AcknowledgeAlert, HandBuiltLog.Operator, DueOf(log) + TimeSpan.FromMinutes(1));
        var at = DueOf(log) + TimeSpan.FromMinutes(2);
        log.Locate(at, Block("T02", GridArea.Rural));
        log.Dispatch(at += TimeSpan.FromMinutes(4), "M00002");
        log.Return(at += TimeSpan.FromMinutes(6));
        log.Dispatch(at += TimeSpan.FromMinutes(3), "M00003");
        log.Accept(at += TimeSpan.FromMinutes(2));
        log.Resolve(at += TimeSpan.FromMinutes(50));
        log.Verify(at += TimeSpan.FromMinutes(30), passed: false);
        log.Resolve(at += TimeSpan.FromMinutes(40));
        log.Verify(at += TimeSpan.FromMinutes(15), passed: true);
        log.Do(IncidentAction.NoAnswer, HandBuiltLog.Operator, at += TimeSpan.FromMinutes(30), c => c with { Note = "nobody picked up" });
        log.Watch(WarnOf(log) + Moment);
        log.Watch(DueOf(log));
        return log.Events;
    }

    private static IReadOnlyList<IncidentEvent> SuspendedAndExtended()
    {
        var at = Start + TimeSpan.FromMinutes(7);
        var log = new HandBuiltLog("C-20261124-000003", at, Block("T03"));
        log.Dispatch(at += TimeSpan.FromMinutes(2), "M00004");
        log.Accept(at += TimeSpan.FromMinutes(3));
        log.Watch(WarnOf(log) + Moment);
        at = WarnOf(log) + TimeSpan.FromMinutes(5);
        log.Do(IncidentAction.Suspend, HandBuiltLog.Supervisor, at, c => c with { Note = "waiting for the owner" });
        log.Do(IncidentAction.Resume, HandBuiltLog.Supervisor, at += TimeSpan.FromHours(26), c => c with { Note = "owner found" });
        var asked = DueOf(log) + TimeSpan.FromHours(3);
        log.Do(IncidentAction.RequestExtension, HandBuiltLog.Worker("M00004"), at += TimeSpan.FromMinutes(10), c => c with { RequestedDueAt = asked, Note = "parts on order" });
        log.Do(IncidentAction.DecideExtension, HandBuiltLog.Supervisor, at += TimeSpan.FromMinutes(10), c => c with { Approved = true });
        log.Do(IncidentAction.RequestExtension, HandBuiltLog.Worker("M00004"), at += TimeSpan.FromMinutes(10), c => c with { RequestedDueAt = DueOf(log) + TimeSpan.FromHours(8), Note = "more parts" });
        log.Do(IncidentAction.DecideExtension, HandBuiltLog.Supervisor, at += TimeSpan.FromMinutes(10), c => c with { Approved = false, Note = "no" });
        log.Do(IncidentAction.Supervise, HandBuiltLog.Operator, at += TimeSpan.FromMinutes(5), c => c with { Note = "please finish today" });
        log.Watch(DueOf(log) + Moment);
        log.Resolve(DueOf(log) + TimeSpan.FromMinutes(30));
        log.Verify(log.Events[^1].At + TimeSpan.FromMinutes(10), passed: true);
        log.Evaluate(log.Events[^1].At + TimeSpan.FromMinutes(10), 3);
        return log.Events;
    }

    private static IReadOnlyList<IncidentEvent> JointHandling()
    {
        var at = Start + TimeSpan.FromMinutes(11);
        var log = new HandBuiltLog("C-20261124-000004", at, Block("T04"), category: "E0102");
        log.Do(IncidentAction.Split, HandBuiltLog.Operator, at += TimeSpan.FromMinutes(4), c => c with
        {
            Note = "road and market", Tasks = [new TaskPlan(Platform.LawEnforcement, "M00005"), new TaskPlan(Platform.MarketSupervision, "M00006")],
        });
        log.Do(IncidentAction.Accept, HandBuiltLog.Worker("M00005"), at += TimeSpan.FromMinutes(2), c => c with { TaskId = "T1" });
        log.Do(IncidentAction.Accept, HandBuiltLog.Worker("M00006"), at += TimeSpan.FromMinutes(3), c => c with { TaskId = "T2" });
        log.Do(IncidentAction.Resolve, HandBuiltLog.Worker("M00005"), at += TimeSpan.FromMinutes(40), c => c with { TaskId = "T1", Note = "road cleared" });
        var task = log.State.SubTasks.Single(t => t.TaskId == "T2").Deadline.Deadline;
        log.Watch(task.WarnAt + Moment);
        log.Watch(task.DueAt + Moment);
        // The breach notice lies unread past the policy's delay (10 minutes by default): it is sent again.
        log.Watch(task.DueAt + TimeSpan.FromMinutes(10) + Moment);
        log.Do(IncidentAction.Resolve, HandBuiltLog.Worker("M00006"), task.DueAt + TimeSpan.FromMinutes(20), c => c with { TaskId = "T2", Note = "stall moved" });
        log.Verify(log.Events[^1].At + TimeSpan.FromMinutes(25), passed: true);
        log.Evaluate(log.Events[^1].At + TimeSpan.FromMinutes(30), 4);
        return log.Events;
    }

    private static IReadOnlyList<IncidentEvent> DuplicatesThenCancelled()
    {
        var at = Start + TimeSpan.FromMinutes(13);
        var log = new HandBuiltLog("C-20261124-000005", at, Block("T05"), category: "E0101");
        foreach (var (minutes, text) in new[] { (3, "same rubbish again"), (6, "rubbish, third call") })
        {
            var duplicate = new IncidentReport("E0101", Priority.Normal, text, "hotline", 31.9, 120.28);
            log.Events.AddRange(IncidentLifecycle.Link(log.State, duplicate, HandBuiltLog.Operator, at += TimeSpan.FromMinutes(minutes)).Events);
        }
        log.Do(IncidentAction.Unlink, HandBuiltLog.Operator, at += TimeSpan.FromMinutes(2), c => c with { LinkId = "L1", NewIncidentId = "C-20261124-000006", Note = "another place" });
        log.Do(IncidentAction.Supervise, HandBuiltLog.Operator, at += TimeSpan.FromMinutes(2), c => c with { Note = "who takes it?" });
        log.Do(IncidentAction.Cancel, HandBuiltLog.Operator, at += TimeSpan.FromMinutes(5), c => c with { Note = "already cleared by the owner" });
        return log.Events;
    }

    private static IReadOnlyList<IncidentEvent> SuspendedWhileRed()
    {
        var at = Start + TimeSpan.FromMinutes(17);
        var log = new HandBuiltLog("C-20261124-000007", at, Block("T06"));
        log.Dispatch(at += TimeSpan.FromMinutes(1), "M00007");
        log.Watch(WarnOf(log) + Moment);
        log.Watch(DueOf(log) + Moment);
        at = DueOf(log) + TimeSpan.FromMinutes(3);
        log.Do(IncidentAction.Suspend, HandBuiltLog.Supervisor, at, c => c with { Note = "road closed" });
        log.Do(IncidentAction.Resume, HandBuiltLog.Supervisor, at += TimeSpan.FromHours(2), c => c with { Note = "road open" });
        log.Return(at += TimeSpan.FromMinutes(30));
        log.Do(IncidentAction.Cancel, HandBuiltLog.Operator, at += TimeSpan.FromMinutes(5), c => c with { Note = "reported twice" });
        return log.Events;
    }

    // Grid and case ids of no real city: the fixtures are test data beside the pages, and the pages hold no city literal.
    private static GridPlacement Block(string town, GridArea area = GridArea.Urban) =>
        new($"{town}-01-01", [$"{town}-01-01", $"{town}-01", town, "CITY"], area);

    private static DateTimeOffset WarnOf(HandBuiltLog log) => log.State.Active!.Deadline.WarnAt;
    private static DateTimeOffset DueOf(HandBuiltLog log) => log.State.Active!.Deadline.DueAt;
}
