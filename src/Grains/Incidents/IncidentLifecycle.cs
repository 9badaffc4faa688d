using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Incidents;

/// <summary>What the lifecycle needs to know besides the incident: the policy and the incident's category.</summary>
public sealed record SlaRules(SlaPolicy Policy, Category Category);

/// <summary>
/// The nine-step closed loop as pure rules: which action is allowed in which state, who may take it,
/// what it requires, and which events (with which deadlines) it produces. One method per action,
/// each guarding its own change; nothing else decides a status.
/// </summary>
public static class IncidentLifecycle
{
    private static readonly Dictionary<IncidentStatus, IncidentAction[]> AllowedByStatus = new()
    {
        [IncidentStatus.Reported] = [IncidentAction.Locate, IncidentAction.Cancel, IncidentAction.Suspend],
        [IncidentStatus.Gridded] = [IncidentAction.Dispatch, IncidentAction.Split, IncidentAction.Cancel, IncidentAction.Suspend],
        [IncidentStatus.Dispatched] = [IncidentAction.Accept, IncidentAction.Dispatch, IncidentAction.Split, IncidentAction.Return, IncidentAction.Suspend],
        [IncidentStatus.Handling] = [IncidentAction.Resolve, IncidentAction.Return, IncidentAction.RequestExtension, IncidentAction.DecideExtension, IncidentAction.Suspend],
        [IncidentStatus.Handled] = [IncidentAction.Verify, IncidentAction.Suspend],
        [IncidentStatus.Verified] = [IncidentAction.Evaluate],
        [IncidentStatus.Filed] = [IncidentAction.Archive],
        [IncidentStatus.Suspended] = [IncidentAction.Resume],
    };

    /// <summary>The person actions possible in a state, whoever asks.</summary>
    public static IReadOnlyList<IncidentAction> AllowedIn(IncidentState state)
    {
        IEnumerable<IncidentAction> allowed = AllowedByStatus.GetValueOrDefault(state.Status, []);
        if (state.PendingExtensionDueAt is null) allowed = allowed.Where(a => a != IncidentAction.DecideExtension);
        // A joint handling is worked task by task: accept and resolve name a task; nobody returns or extends the whole.
        if (state.IsJoint && state.Status == IncidentStatus.Handling)
            allowed = new[] { IncidentAction.Accept, IncidentAction.Resolve, IncidentAction.Suspend };
        if (state.IsOpen && state.Status != IncidentStatus.Reported) allowed = allowed.Append(IncidentAction.Supervise);
        if (state.Links.Any(l => l.UnlinkedInto is null)) allowed = allowed.Append(IncidentAction.Unlink);
        return allowed.ToList();
    }

    /// <summary>Notice receipts concern a notice, not the incident's state: they are possible at any time.</summary>
    private static bool IsReceipt(IncidentAction action) => action is IncidentAction.AcknowledgeNotice or IncidentAction.ReadNotice;

    /// <summary>Whether the role may ever take the action (the assignee check comes later).</summary>
    public static bool RoleMay(IncidentAction action, Actor actor) => actor.IsAdmin || actor.IsSystem || action switch
    {
        IncidentAction.Locate or IncidentAction.Dispatch or IncidentAction.Split or IncidentAction.Cancel or IncidentAction.Evaluate => actor.Role == Roles.Operator,
        IncidentAction.Accept or IncidentAction.Resolve or IncidentAction.Return or IncidentAction.RequestExtension => actor.Role == Roles.Worker,
        IncidentAction.Verify or IncidentAction.DecideExtension or IncidentAction.Suspend or IncidentAction.Resume => actor.Role == Roles.Supervisor,
        IncidentAction.Supervise => actor.Role is Roles.Operator or Roles.Supervisor,
        IncidentAction.Unlink => actor.Role == Roles.Operator,
        IncidentAction.AcknowledgeNotice or IncidentAction.ReadNotice => actor.Role == Roles.Worker,
        _ => false,
    };

    /// <summary>Step 1 (and 2 when the report came with a position inside the city).</summary>
    public static IReadOnlyList<IncidentEvent> Report(string id, IncidentReport report, GridPlacement? placement, Actor actor, DateTimeOffset now, SlaRules rules)
    {
        var draft = new Draft(new IncidentState(), id, actor, now);
        var gridDeadline = rules.Policy.Start(SlaStep.Grid, rules.Category, report.Priority, placement?.Area ?? GridArea.Urban, now);
        draft.Add(IncidentAction.Report, IncidentStatus.Reported, e => e with { Report = report, Deadline = gridDeadline });
        if (placement is not null)
            draft.Add(IncidentAction.Locate, IncidentStatus.Gridded, e => e with
            {
                Placement = placement,
                Deadline = rules.Policy.Start(SlaStep.Dispatch, rules.Category, report.Priority, placement.Area, now),
            });
        return draft.Events;
    }

    /// <summary>A duplicate report joins an open incident instead of opening a case of its own.</summary>
    public static ActionOutcome Link(IncidentState state, IncidentReport report, Actor actor, DateTimeOffset now)
    {
        if (!state.IsOpen) return Reject(state, RejectionKind.IllegalState, "Only an open incident takes duplicate reports.");
        var draft = new Draft(state, state.Id, actor, now);
        draft.Add(IncidentAction.Link, state.Status, e => e with { Report = report, LinkId = $"L{state.Links.Count + 1}" });
        return new ActionOutcome(draft.Events, null);
    }

    public static ActionOutcome Decide(IncidentState state, IncidentCommand command, Actor actor, DateTimeOffset now, SlaRules rules)
    {
        var action = command.Action;
        if (!state.Exists) return Reject(state, RejectionKind.NotFound, "No incident has this id.");
        if (!IncidentActionWords.PersonActions.Contains(action) && !actor.IsSystem)
            return Reject(state, RejectionKind.Forbidden, $"{IncidentActionWords.Word(action)} is taken by the system only.");
        if (!RoleMay(action, actor))
            return Reject(state, RejectionKind.Forbidden, $"A {actor.Role} may not {IncidentActionWords.Word(action)} incidents.");
        if (action == IncidentAction.Archive && !(actor.IsSystem || actor.IsAdmin))
            return Reject(state, RejectionKind.Forbidden, "Only the archive job or an admin archives.");
        if (!IsReceipt(action) && !AllowedIn(state).Contains(action))
            return Reject(state, RejectionKind.IllegalState,
                action == IncidentAction.DecideExtension && state.Status == IncidentStatus.Handling
                    ? "No extension request is pending."
                    : $"{IncidentActionWords.Word(action)} is not possible while the incident is {IncidentSteps.Word(state.Status)}.");
        if (state.IsJoint && state.Status == IncidentStatus.Handling && action is IncidentAction.Accept or IncidentAction.Resolve)
            return DecideTask(state, command, actor, now, rules);
        if (action is IncidentAction.Accept or IncidentAction.Resolve or IncidentAction.Return or IncidentAction.RequestExtension
            && actor.Role == Roles.Worker && actor.MemberId != state.AssigneeId)
            return Reject(state, RejectionKind.Forbidden, "Only the assigned worker may do this.");

        var draft = new Draft(state, state.Id, actor, now);
        var priority = state.Report!.Priority;
        var area = state.Placement?.Area ?? GridArea.Urban;
        SlaDeadline Start(SlaStep step) => rules.Policy.Start(step, rules.Category, priority, area, now);

        switch (action)
        {
            case IncidentAction.Locate:
                if (command.Placement is null) return Invalid(state, "lat", "Give a position inside the city (lat, lon) or a gridId.");
                draft.Add(action, IncidentStatus.Gridded, e => e with { Placement = command.Placement, Deadline = Start(SlaStep.Dispatch) });
                break;
            case IncidentAction.Dispatch:
                if (string.IsNullOrWhiteSpace(command.MemberId)) return Invalid(state, "memberId", "Give the memberId of the member to dispatch to.");
                if (command.MemberId == state.AssigneeId) return Invalid(state, "memberId", $"The incident is already assigned to {command.MemberId}.");
                draft.Add(action, IncidentStatus.Dispatched, e => e with
                {
                    MemberId = command.MemberId, Note = command.Note, Deadline = Start(SlaStep.Accept), NotifiedMemberId = command.MemberId,
                });
                break;
            case IncidentAction.Accept:
                draft.Add(action, IncidentStatus.Handling, e => e with { Deadline = Start(SlaStep.Handle) });
                break;
            case IncidentAction.Resolve:
                if (string.IsNullOrWhiteSpace(command.Note)) return Invalid(state, "note", "Say what was done: a result note is required.");
                draft.Add(action, IncidentStatus.Handled, e => e with { Note = command.Note, Photos = command.Photos, Deadline = Start(SlaStep.Verify) });
                break;
            case IncidentAction.Verify:
                if (command.Passed is not { } passed) return Invalid(state, "passed", "Say whether the check passed: passed must be true or false.");
                if (!passed && string.IsNullOrWhiteSpace(command.Note)) return Invalid(state, "note", "A failed check needs a note saying what must be redone.");
                draft.Add(action, passed ? IncidentStatus.Verified : IncidentStatus.Handling, e => e with
                {
                    Passed = passed, Note = command.Note, Deadline = Start(passed ? SlaStep.Evaluate : SlaStep.Handle),
                });
                break;
            case IncidentAction.Evaluate:
                if (command.Satisfaction is not (>= 1 and <= 5)) return Invalid(state, "satisfaction", "satisfaction must be a whole number from 1 (very unhappy) to 5 (very happy).");
                Close(draft, state, command.Satisfaction, command.Note);
                break;
            case IncidentAction.Return:
                if (string.IsNullOrWhiteSpace(command.Note)) return Invalid(state, "note", "Say why the incident is returned: a reason is required.");
                draft.Add(action, IncidentStatus.Gridded, e => e with { Note = command.Note, MemberId = state.AssigneeId, Deadline = Start(SlaStep.Dispatch) });
                break;
            case IncidentAction.RequestExtension:
                if (command.RequestedDueAt is not { } requested) return Invalid(state, "dueAt", "Give the new deadline asked for (dueAt, an ISO 8601 time).");
                if (requested <= state.Active!.Deadline.DueAt) return Invalid(state, "dueAt", $"The new deadline must be after the current one, {state.Active.Deadline.DueAt:O}.");
                if (string.IsNullOrWhiteSpace(command.Note)) return Invalid(state, "note", "Say why more time is needed.");
                draft.Add(action, state.Status, e => e with { RequestedDueAt = requested, Note = command.Note });
                break;
            case IncidentAction.DecideExtension:
                if (command.Approved is not { } approved) return Invalid(state, "approved", "Say whether the extension is approved: approved must be true or false.");
                draft.Add(action, state.Status, e => e with
                {
                    Approved = approved, Note = command.Note, RequestedDueAt = state.PendingExtensionDueAt,
                    Deadline = approved ? rules.Policy.Extend(state.Active!.Deadline, state.PendingExtensionDueAt!.Value) : null,
                });
                break;
            case IncidentAction.Suspend:
                if (string.IsNullOrWhiteSpace(command.Note)) return Invalid(state, "note", "Say why the incident is parked: a reason is required.");
                draft.Add(action, IncidentStatus.Suspended, e => e with { Note = command.Note });
                break;
            case IncidentAction.Resume:
                draft.Add(action, state.StatusBeforeSuspension!.Value, e => e with
                {
                    Note = command.Note,
                    Deadline = state.Active is null ? null : rules.Policy.Resume(state.Active.Deadline, state.SuspendedAt!.Value, now),
                });
                break;
            case IncidentAction.Cancel:
                if (string.IsNullOrWhiteSpace(command.Note)) return Invalid(state, "note", "Say why the report is not filed (invalid, duplicate, out of scope…).");
                draft.Add(action, IncidentStatus.Cancelled, e => e with { Note = command.Note, ClearsDeadline = true });
                break;
            case IncidentAction.Archive:
                draft.Add(action, IncidentStatus.Archived, e => e);
                break;
            case IncidentAction.Split:
                var tasks = command.Tasks ?? [];
                if (tasks.Count < 2) return Invalid(state, "tasks", "A joint handling needs sub-tasks for two or more platforms.");
                if (tasks.Select(t => t.Platform).Distinct().Count() != tasks.Count) return Invalid(state, "tasks", "Each platform may appear once.");
                if (tasks.Any(t => string.IsNullOrWhiteSpace(t.MemberId))) return Invalid(state, "tasks", "Every sub-task needs the memberId of who takes it.");
                draft.Add(action, IncidentStatus.Handling, e => e with { Note = command.Note, Deadline = Start(SlaStep.Handle) });
                for (var i = 0; i < tasks.Count; i++)
                {
                    var task = tasks[i];
                    var taskId = $"T{i + 1}";
                    draft.Add(IncidentAction.AssignTask, IncidentStatus.Handling, e => e with
                    {
                        TaskId = taskId, Platform = task.Platform, MemberId = task.MemberId, NotifiedMemberId = task.MemberId,
                        Deadline = Start(SlaStep.Handle), TaskDeadline = true,
                    });
                }
                break;
            case IncidentAction.Supervise:
                if (string.IsNullOrWhiteSpace(command.Note)) return Invalid(state, "note", "Say what is being pressed for: a supervision notice needs its text.");
                draft.Add(action, state.Status, e => e with { Note = command.Note, NotifiedMemberId = state.AssigneeId });
                break;
            case IncidentAction.Unlink:
                var link = state.Links.FirstOrDefault(l => l.LinkId == command.LinkId && l.UnlinkedInto is null);
                if (link is null) return Invalid(state, "linkId", $"No linked report has the id \"{command.LinkId}\"; linked now: {string.Join(", ", state.Links.Where(l => l.UnlinkedInto is null).Select(l => l.LinkId))}.");
                if (string.IsNullOrWhiteSpace(command.NewIncidentId)) return Invalid(state, "newIncidentId", "The case the report becomes must be given.");
                draft.Add(action, state.Status, e => e with { LinkId = link.LinkId, NewIncidentId = command.NewIncidentId, Note = command.Note });
                break;
            case IncidentAction.AcknowledgeNotice or IncidentAction.ReadNotice:
                var notice = state.Notices.FirstOrDefault(n => n.Sequence == command.NoticeSequence);
                if (notice is null) return Invalid(state, "notice", $"No notice of this incident has the number {command.NoticeSequence}.");
                if (actor.Role == Roles.Worker && actor.MemberId != notice.MemberId) return Reject(state, RejectionKind.Forbidden, "A notice can be confirmed only by the person it was sent to.");
                if (action == IncidentAction.AcknowledgeNotice && notice.DeliveredAt is not null) return new ActionOutcome([], null);
                if (action == IncidentAction.ReadNotice && notice.ReadAt is not null) return new ActionOutcome([], null);
                draft.Add(action, state.Status, e => e with { NoticeSequence = notice.Sequence, MemberId = notice.MemberId });
                break;
            default:
                return Reject(state, RejectionKind.Forbidden, $"{IncidentActionWords.Word(action)} is taken by the system only.");
        }
        return new ActionOutcome(draft.Events, null);
    }

    /// <summary>Accept or resolve one sub-task of a joint handling; the last one resolved makes the incident handled.</summary>
    private static ActionOutcome DecideTask(IncidentState state, IncidentCommand command, Actor actor, DateTimeOffset now, SlaRules rules)
    {
        var task = state.SubTasks.FirstOrDefault(t => t.TaskId == command.TaskId);
        if (task is null)
            return Invalid(state, "taskId", $"Name the sub-task: {string.Join(", ", state.SubTasks.Select(t => $"{t.TaskId} ({t.Platform}, {t.MemberId})"))}.");
        if (actor.Role == Roles.Worker && actor.MemberId != task.MemberId)
            return Reject(state, RejectionKind.Forbidden, $"Sub-task {task.TaskId} belongs to {task.MemberId}.");
        var draft = new Draft(state, state.Id, actor, now);
        if (command.Action == IncidentAction.Accept)
        {
            if (task.Status != SubTaskStatus.Assigned) return Reject(state, RejectionKind.IllegalState, $"Sub-task {task.TaskId} is already {task.Status.ToString().ToLowerInvariant()}.");
            draft.Add(IncidentAction.Accept, state.Status, e => e with { TaskId = task.TaskId, MemberId = task.MemberId });
            return new ActionOutcome(draft.Events, null);
        }
        if (task.Status == SubTaskStatus.Done) return Reject(state, RejectionKind.IllegalState, $"Sub-task {task.TaskId} is already done.");
        if (string.IsNullOrWhiteSpace(command.Note)) return Invalid(state, "note", "Say what was done: a result note is required.");
        var last = state.SubTasks.All(t => t.TaskId == task.TaskId || t.Status == SubTaskStatus.Done);
        draft.Add(IncidentAction.Resolve, last ? IncidentStatus.Handled : state.Status, e => e with
        {
            TaskId = task.TaskId, MemberId = task.MemberId, Note = command.Note, Photos = command.Photos,
            Deadline = last ? rules.Policy.Start(SlaStep.Verify, rules.Category, state.Report!.Priority, state.Placement?.Area ?? GridArea.Urban, now) : null,
        });
        return new ActionOutcome(draft.Events, null);
    }

    /// <summary>
    /// What the SLA clock does at <paramref name="now"/>: warn (yellow), or breach (red) and escalate one
    /// rung, or, when the return visit's limit runs out unanswered, close the loop without a satisfaction.
    /// Idempotent: a second call at the same or a later instant finds nothing more to do.
    /// </summary>
    public static IReadOnlyList<IncidentEvent> Watch(IncidentState state, DateTimeOffset now, SlaRules rules)
    {
        if (!state.IsOpen || state.Status == IncidentStatus.Suspended) return [];
        var draft = new Draft(state, state.Id, Actor.System, now);
        var rung = state.Rung;
        foreach (var task in state.SubTasks.Where(t => t.Status != SubTaskStatus.Done && !t.Deadline.Breached))
        {
            if (now >= task.Deadline.Deadline.DueAt)
            {
                rung = rung == EscalationRung.CommandCenter ? rung : rung + 1;
                var r = rung;
                draft.Add(IncidentAction.Escalate, state.Status, e => e with { Step = SlaStep.Handle, Rung = r, TaskId = task.TaskId, NotifiedMemberId = task.MemberId });
            }
            else if (!task.Deadline.Warned && now >= task.Deadline.Deadline.WarnAt)
                draft.Add(IncidentAction.Warn, state.Status, e => e with { Step = SlaStep.Handle, TaskId = task.TaskId, NotifiedMemberId = task.MemberId });
        }
        if (state.Active is not { } active || active.Breached) return draft.Events;
        if (now >= active.Deadline.DueAt)
        {
            if (active.Deadline.Step == SlaStep.Evaluate)
            {
                Close(draft, state, satisfaction: null, "No answer to the return visit within the limit.");
                return draft.Events;
            }
            var next = rung == EscalationRung.CommandCenter ? EscalationRung.CommandCenter : rung + 1;
            draft.Add(IncidentAction.Escalate, state.Status, e => e with { Step = active.Deadline.Step, Rung = next, NotifiedMemberId = state.AssigneeId });
        }
        else if (!active.Warned && now >= active.Deadline.WarnAt)
        {
            draft.Add(IncidentAction.Warn, state.Status, e => e with { Step = active.Deadline.Step, NotifiedMemberId = state.AssigneeId });
        }
        return draft.Events;
    }

    /// <summary>When the SLA clock next needs to look at this incident, or null when nothing is running.</summary>
    public static DateTimeOffset? NextWake(IncidentState state)
    {
        if (!state.IsOpen || state.Status == IncidentStatus.Suspended) return null;
        static DateTimeOffset? Next(DeadlineRecord d) => d.Breached ? null : d.Warned ? d.Deadline.DueAt : d.Deadline.WarnAt;
        var instants = state.SubTasks.Where(t => t.Status != SubTaskStatus.Done).Select(t => Next(t.Deadline));
        if (state.Active is { } active) instants = instants.Append(Next(active));
        return instants.Where(i => i is not null).Min();
    }

    // Steps 6 → 7 → 8 in one go: evaluation, assessment from the record, filing into the dossiers.
    private static void Close(Draft draft, IncidentState state, int? satisfaction, string? note)
    {
        draft.Add(IncidentAction.Evaluate, IncidentStatus.Evaluated, e => e with { Satisfaction = satisfaction, Note = note, ClearsDeadline = true });
        var score = IncidentScore.Of(state, satisfaction);
        draft.Add(IncidentAction.Assess, IncidentStatus.Assessed, e => e with { Score = score, MemberId = state.AssigneeId, Actor = Actor.System.Name, ActorRole = Actor.SystemRole });
        draft.Add(IncidentAction.File, IncidentStatus.Filed, e => e with
        {
            Score = score, MemberId = state.AssigneeId, GridId = state.Placement?.GridId, Actor = Actor.System.Name, ActorRole = Actor.SystemRole,
        });
    }

    private static ActionOutcome Invalid(IncidentState state, string field, string message) =>
        Reject(state, RejectionKind.Invalid, message, field);

    private static ActionOutcome Reject(IncidentState state, RejectionKind kind, string message, string? field = null) =>
        ActionOutcome.Refused(new LifecycleRejection(kind, message, IncidentSteps.Word(state.Status),
            AllowedIn(state).Select(IncidentActionWords.Word).ToList(), field));

    /// <summary>Builds consecutive events for one decision.</summary>
    private sealed class Draft(IncidentState state, string id, Actor actor, DateTimeOffset now)
    {
        private IncidentStatus status = state.Status;
        public List<IncidentEvent> Events { get; } = [];

        public void Add(IncidentAction action, IncidentStatus to, Func<IncidentEvent, IncidentEvent> fill)
        {
            var e = fill(new IncidentEvent
            {
                IncidentId = id, Sequence = state.Version + Events.Count + 1, At = now, Action = action,
                Actor = actor.Name, ActorRole = actor.Role, From = status, To = to,
            });
            Events.Add(e);
            status = to;
        }
    }
}
