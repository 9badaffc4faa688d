using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Incidents;

/// <summary>What the lifecycle needs to know besides the incident: the policy and the incident's category.</summary>
public sealed record SlaRules(SlaPolicy Policy, Category Category);

/// <summary>
/// The nine-step closed loop as pure rules. Which action is allowed in which stage, who may take it and
/// what it requires come from the action table (<see cref="IncidentActions"/>); here each action builds
/// the events (with their deadlines) it produces. Nothing else decides a status.
/// </summary>
public static class IncidentLifecycle
{
    /// <summary>The person actions possible in a state, whoever asks.</summary>
    public static IReadOnlyList<IncidentAction> AllowedIn(IncidentState state) =>
        IncidentActions.PossibleIn(state).Select(r => r.Action).ToList();

    /// <summary>Whether the role may ever take the action (the assignee check comes later).</summary>
    public static bool RoleMay(IncidentAction action, Actor actor) => IncidentActions.Of(action).RoleMay(actor);

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
        if (!state.IsOpen) return Reject(state, actor, RejectionKind.IllegalState, "Only an open incident takes duplicate reports.");
        var draft = new Draft(state, state.Id, actor, now);
        draft.Add(IncidentAction.Link, state.Status, e => e with { Report = report, LinkId = $"L{state.Links.Count + 1}" });
        return new ActionOutcome(draft.Events, null);
    }

    public static ActionOutcome Decide(IncidentState state, IncidentCommand command, Actor actor, DateTimeOffset now, SlaRules rules)
    {
        var action = command.Action;
        if (!state.Exists) return Reject(state, actor, RejectionKind.NotFound, "No incident has this id.");
        var rule = IncidentActions.Of(action);
        if (rule.Kind == ActionKind.System && !actor.IsSystem)
            return Reject(state, actor, RejectionKind.Forbidden, $"{rule.Word} is taken by the system only.");
        if (!rule.RoleMay(actor))
            return Reject(state, actor, RejectionKind.Forbidden, $"A {actor.Role} may not {rule.Word} incidents; {rule.TakerWords} may.");
        if (!rule.PossibleIn(state))
            return Reject(state, actor, RejectionKind.IllegalState,
                action == IncidentAction.DecideExtension && state.Status == IncidentStatus.Handling
                    ? "No extension request is pending."
                    : $"{rule.Word} is not possible while the incident is {ActionStages.Word(ActionStages.Of(state))}.");
        if (ActionStages.Of(state) == ActionStage.JointHandling && action is IncidentAction.Accept or IncidentAction.Resolve)
            return DecideTask(state, command, actor, now, rules);
        if (!rule.OpenTo(state, actor))
            return Reject(state, actor, RejectionKind.Forbidden, rule.Taker == ActionTaker.NoticeRecipient
                ? "A notice can be confirmed only by the person it was sent to." : "Only the assigned worker may do this.");
        if (rule.FirstProblem(command, state) is { } problem) return Invalid(state, actor, problem.Field, problem.Message);

        var draft = new Draft(state, state.Id, actor, now);
        var priority = state.Report!.Priority;
        var area = state.Placement?.Area ?? GridArea.Urban;
        SlaDeadline Start(SlaStep step) => rules.Policy.Start(step, rules.Category, priority, area, now);

        switch (action)
        {
            case IncidentAction.Locate:
                draft.Add(action, IncidentStatus.Gridded, e => e with { Placement = command.Placement, Deadline = Start(SlaStep.Dispatch) });
                break;
            case IncidentAction.Dispatch:
                draft.Add(action, IncidentStatus.Dispatched, e => e with
                {
                    MemberId = command.MemberId, Note = command.Note, Deadline = Start(SlaStep.Accept), NotifiedMemberId = command.MemberId,
                });
                break;
            case IncidentAction.Accept:
                draft.Add(action, IncidentStatus.Handling, e => e with { Deadline = Start(SlaStep.Handle) });
                break;
            case IncidentAction.Resolve:
                draft.Add(action, IncidentStatus.Handled, e => e with { Note = command.Note, Photos = command.Photos, Deadline = Start(SlaStep.Verify) });
                break;
            case IncidentAction.Verify:
                var passed = command.Passed!.Value;
                draft.Add(action, passed ? IncidentStatus.Verified : IncidentStatus.Handling, e => e with
                {
                    Passed = passed, Note = command.Note, Photos = command.Photos, Position = command.Position, Deadline = Start(passed ? SlaStep.Evaluate : SlaStep.Handle),
                });
                break;
            case IncidentAction.Evaluate:
                Close(draft, state, command.Satisfaction, command.Note);
                break;
            case IncidentAction.NoAnswer:
                // The visit's deadline keeps running: the clock still closes it at its due instant (ReturnVisit).
                draft.Add(action, state.Status, e => e with { Note = command.Note });
                break;
            case IncidentAction.AcknowledgeAlert:
                draft.Add(action, state.Status, e => e);
                break;
            case IncidentAction.Return:
                draft.Add(action, IncidentStatus.Gridded, e => e with { Note = command.Note, MemberId = state.AssigneeId, Deadline = Start(SlaStep.Dispatch) });
                break;
            case IncidentAction.RequestExtension:
                draft.Add(action, state.Status, e => e with { RequestedDueAt = command.RequestedDueAt, Note = command.Note });
                break;
            case IncidentAction.DecideExtension:
                var approved = command.Approved!.Value;
                // A request the deadline has since outrun (a resume or a rework moved it later) extends nothing when approved.
                var extends = approved && state.Active is { } running && state.PendingExtensionDueAt > running.Deadline.DueAt;
                draft.Add(action, state.Status, e => e with
                {
                    Approved = approved, Note = command.Note, RequestedDueAt = state.PendingExtensionDueAt,
                    Deadline = extends ? rules.Policy.Extend(state.Active!.Deadline, state.PendingExtensionDueAt!.Value) : null,
                });
                break;
            case IncidentAction.Suspend:
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
                draft.Add(action, IncidentStatus.Cancelled, e => e with { Note = command.Note, ClearsDeadline = true });
                break;
            case IncidentAction.Archive:
                draft.Add(action, IncidentStatus.Archived, e => e);
                break;
            case IncidentAction.Split:
                draft.Add(action, IncidentStatus.Handling, e => e with { Note = command.Note, Deadline = Start(SlaStep.Handle) });
                for (var i = 0; i < command.Tasks!.Count; i++)
                {
                    var task = command.Tasks[i];
                    var taskId = $"T{i + 1}";
                    draft.Add(IncidentAction.AssignTask, IncidentStatus.Handling, e => e with
                    {
                        TaskId = taskId, Platform = task.Platform, MemberId = task.MemberId, NotifiedMemberId = task.MemberId,
                        Deadline = Start(SlaStep.Handle), TaskDeadline = true,
                    });
                }
                break;
            case IncidentAction.Supervise:
                draft.Add(action, state.Status, e => e with { Note = command.Note, NotifiedMemberId = state.AssigneeId });
                break;
            case IncidentAction.Unlink:
                // The host opens the linked report as a case of its own first and names it here.
                if (string.IsNullOrWhiteSpace(command.NewIncidentId)) return Invalid(state, actor, "newIncidentId", "The case the report becomes must be given.");
                draft.Add(action, state.Status, e => e with { LinkId = command.LinkId, NewIncidentId = command.NewIncidentId, Note = command.Note });
                break;
            case IncidentAction.AcknowledgeNotice or IncidentAction.ReadNotice:
                var notice = state.Notices.First(n => n.Sequence == command.NoticeSequence);
                if (Roles.IsMember(actor.Role) && actor.MemberId != notice.MemberId)
                    return Reject(state, actor, RejectionKind.Forbidden, "A notice can be confirmed only by the person it was sent to.");
                if (action == IncidentAction.AcknowledgeNotice && notice.DeliveredAt is not null) return new ActionOutcome([], null);
                if (action == IncidentAction.ReadNotice && notice.ReadAt is not null) return new ActionOutcome([], null);
                draft.Add(action, state.Status, e => e with { NoticeSequence = notice.Sequence, MemberId = notice.MemberId });
                break;
            default:
                return Reject(state, actor, RejectionKind.Forbidden, $"{rule.Word} is taken by the system only.");
        }
        return new ActionOutcome(draft.Events, null);
    }

    /// <summary>
    /// <see cref="Decide"/> at most once per request key. A command without a key is decided as always. With a key that
    /// no event carries yet, it is decided and the events it appends carry the key. With a key already in the ledger:
    /// the same person asking the same action again gets the events of the first time (nothing new to append);
    /// anything else is refused naming the key.
    /// </summary>
    public static ActionOutcome DecideOnce(IReadOnlyList<IncidentEvent> events, IncidentState state, IncidentCommand command, Actor actor, DateTimeOffset now, SlaRules rules)
    {
        if (command.RequestKey is not { } key) return Decide(state, command, actor, now, rules);
        var earlier = events.Where(e => e.RequestKey == key).ToList();
        if (earlier.Count == 0)
        {
            var outcome = Decide(state, command, actor, now, rules);
            return outcome.Accepted ? outcome with { Events = outcome.Events.Select(e => e with { RequestKey = key }).ToList() } : outcome;
        }
        // The decision's first event is the action itself, by its actor (closing adds the system's assessment after it).
        if (earlier[0].Actor == actor.Name && earlier[0].Action == command.Action) return new ActionOutcome(earlier, null);
        return Invalid(state, actor, IncidentCommand.RequestKeyField,
            $"This key was already used for another request ({IncidentActions.Of(earlier[0].Action).Word} by {earlier[0].Actor}): use a new key for a new request.");
    }

    /// <summary>Whether the outcome answers again with events already in the ledger (a retried request key): nothing to append.</summary>
    public static bool Replays(IncidentState state, ActionOutcome outcome) => outcome.Events.Count > 0 && outcome.Events[0].Sequence <= state.Version;

    /// <summary>Accept or resolve one sub-task of a joint handling; the last one resolved makes the incident handled.</summary>
    private static ActionOutcome DecideTask(IncidentState state, IncidentCommand command, Actor actor, DateTimeOffset now, SlaRules rules)
    {
        var task = state.SubTasks.FirstOrDefault(t => t.TaskId == command.TaskId);
        if (task is null)
            return Invalid(state, actor, "taskId", $"Name the sub-task: {string.Join(", ", state.SubTasks.Select(t => $"{t.TaskId} ({t.Platform}, {t.MemberId})"))}.");
        if (Roles.IsMember(actor.Role) && actor.MemberId != task.MemberId)
            return Reject(state, actor, RejectionKind.Forbidden, $"Sub-task {task.TaskId} belongs to {task.MemberId}.");
        var draft = new Draft(state, state.Id, actor, now);
        if (command.Action == IncidentAction.Accept)
        {
            if (task.Status != SubTaskStatus.Assigned) return Reject(state, actor, RejectionKind.IllegalState, $"Sub-task {task.TaskId} is already {task.Status.ToString().ToLowerInvariant()}.");
            draft.Add(IncidentAction.Accept, state.Status, e => e with { TaskId = task.TaskId, MemberId = task.MemberId });
            return new ActionOutcome(draft.Events, null);
        }
        if (task.Status == SubTaskStatus.Done) return Reject(state, actor, RejectionKind.IllegalState, $"Sub-task {task.TaskId} is already done.");
        if (IncidentActions.Of(IncidentAction.Resolve).FirstProblem(command, state) is { } problem) return Invalid(state, actor, problem.Field, problem.Message);
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
    /// <param name="ladder">Who each rung reaches (<see cref="EscalationLadder"/>); without it a breach notifies the assignee.</param>
    public static IReadOnlyList<IncidentEvent> Watch(IncidentState state, DateTimeOffset now, SlaRules rules, EscalationLadder? ladder = null)
    {
        if (!state.IsOpen || state.Status == IncidentStatus.Suspended) return [];
        var draft = new Draft(state, state.Id, Actor.System, now);
        // An escalation notice nobody read within the policy's delay goes again, once, to the same person.
        foreach (var notice in state.Notices.Where(n => Unread(n) && now >= n.SentAt + rules.Policy.ResendUnreadAfter))
            draft.Add(IncidentAction.Remind, state.Status, e => e with { NoticeSequence = notice.Sequence, NotifiedMemberId = notice.MemberId, Note = notice.Text });
        var rung = state.Rung;
        foreach (var task in state.SubTasks.Where(t => t.Status != SubTaskStatus.Done && !t.Deadline.Breached))
        {
            if (now >= task.Deadline.Deadline.DueAt)
            {
                rung = rung == EscalationRung.CommandCenter ? rung : rung + 1;
                var r = rung;
                draft.Add(IncidentAction.Escalate, state.Status, e => e with
                {
                    Step = SlaStep.Handle, Rung = r, TaskId = task.TaskId, NotifiedMemberId = (ladder ?? EscalationLadder.Nobody).PersonFor(r, task.MemberId),
                });
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
            draft.Add(IncidentAction.Escalate, state.Status, e => e with
            {
                Step = active.Deadline.Step, Rung = next, NotifiedMemberId = (ladder ?? EscalationLadder.Nobody).PersonFor(next, state.AssigneeId),
            });
        }
        else if (!active.Warned && now >= active.Deadline.WarnAt)
        {
            draft.Add(IncidentAction.Warn, state.Status, e => e with { Step = active.Deadline.Step, NotifiedMemberId = state.AssigneeId });
        }
        return draft.Events;
    }

    /// <summary>When the SLA clock next needs to look at this incident, or null when nothing is running.</summary>
    public static DateTimeOffset? NextWake(IncidentState state, TimeSpan? resendUnreadAfter = null)
    {
        if (!state.IsOpen || state.Status == IncidentStatus.Suspended) return null;
        static DateTimeOffset? Next(DeadlineRecord d) => d.Breached ? null : d.Warned ? d.Deadline.DueAt : d.Deadline.WarnAt;
        var instants = state.SubTasks.Where(t => t.Status != SubTaskStatus.Done).Select(t => Next(t.Deadline));
        if (state.Active is { } active) instants = instants.Append(Next(active));
        if (resendUnreadAfter is { } resend)
            instants = instants.Concat(state.Notices.Where(Unread).Select(n => (DateTimeOffset?)(n.SentAt + resend)));
        return instants.Where(i => i is not null).Min();
    }

    /// <summary>An escalation notice its person has not read and that was not sent again yet.</summary>
    private static bool Unread(NoticeRecord notice) => notice.Kind == "breach" && notice.ReadAt is null && notice.RemindedAt is null;

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

    private static ActionOutcome Invalid(IncidentState state, Actor actor, string field, string message) =>
        Reject(state, actor, RejectionKind.Invalid, message, field);

    /// <summary>A refusal names the current state and what this person may do now (never what was just refused them).</summary>
    private static ActionOutcome Reject(IncidentState state, Actor actor, RejectionKind kind, string message, string? field = null) =>
        ActionOutcome.Refused(new LifecycleRejection(kind, message, IncidentSteps.Word(state.Status),
            IncidentActions.AllowedFor(state, actor).Select(r => r.Word).ToList(), field));

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
