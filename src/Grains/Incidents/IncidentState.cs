using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Incidents;

/// <summary>A deadline as it ended or stands: met, breached, still running, or dropped (the step was left another way).</summary>
[GenerateSerializer, Alias("DeadlineRecord")]
public sealed record DeadlineRecord(
    [property: Id(0)] SlaDeadline Deadline,
    [property: Id(1)] bool Warned,
    [property: Id(2)] bool Breached,
    [property: Id(3)] DateTimeOffset? EndedAt);

/// <summary>A report that turned out to be a duplicate of this incident; UnlinkedInto names the case it became if the link was undone.</summary>
[GenerateSerializer, Alias("LinkedReport")]
public sealed record LinkedReport(
    [property: Id(0)] string LinkId,
    [property: Id(1)] IncidentReport Report,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string ReportedBy,
    [property: Id(4)] string? UnlinkedInto);

public enum SubTaskStatus { Assigned, Accepted, Done }

/// <summary>One platform's part of a joint handling: its member, progress and own deadline.</summary>
[GenerateSerializer, Alias("SubTask")]
public sealed record SubTask(
    [property: Id(0)] string TaskId,
    [property: Id(1)] Catalogue.Platform Platform,
    [property: Id(2)] string MemberId,
    [property: Id(3)] SubTaskStatus Status,
    [property: Id(4)] DeadlineRecord Deadline,
    [property: Id(5)] string? Note);

/// <summary>A notice sent to a person about this incident: to whom, what, when, and whether it arrived and was read.</summary>
[GenerateSerializer, Alias("NoticeRecord")]
public sealed record NoticeRecord(
    [property: Id(0)] int Sequence,
    [property: Id(1)] string MemberId,
    [property: Id(2)] string Kind,
    [property: Id(3)] string? Text,
    [property: Id(4)] DateTimeOffset SentAt,
    [property: Id(5)] DateTimeOffset? DeliveredAt,
    [property: Id(6)] DateTimeOffset? ReadAt,
    [property: Id(7)] DateTimeOffset? RemindedAt = null);

/// <summary>
/// An incident's state: the fold of its ledger. Nothing but <see cref="Apply"/> changes it, one
/// event at a time, so the state at any instant is the fold of the events up to that instant.
/// </summary>
[GenerateSerializer, Alias("IncidentState")]
public sealed class IncidentState
{
    [Id(0)] public string Id { get; private set; } = "";
    [Id(1)] public IncidentReport? Report { get; private set; }
    [Id(2)] public IncidentStatus Status { get; private set; }
    [Id(3)] public IncidentStatus? StatusBeforeSuspension { get; private set; }
    [Id(4)] public GridPlacement? Placement { get; private set; }
    [Id(5)] public string? AssigneeId { get; private set; }
    /// <summary>The deadline of the step in progress.</summary>
    [Id(6)] public DeadlineRecord? Active { get; private set; }
    /// <summary>Every deadline the incident has had, in order (rework and returns add more).</summary>
    [Id(7)] public List<DeadlineRecord> History { get; private set; } = [];
    [Id(8)] public EscalationRung Rung { get; private set; }
    [Id(9)] public DateTimeOffset? SuspendedAt { get; private set; }
    [Id(10)] public DateTimeOffset? PendingExtensionDueAt { get; private set; }
    [Id(11)] public int Reworks { get; private set; }
    [Id(12)] public int Returns { get; private set; }
    [Id(13)] public int Extensions { get; private set; }
    [Id(14)] public int? Satisfaction { get; private set; }
    [Id(15)] public double? Score { get; private set; }
    [Id(16)] public DateTimeOffset CreatedAt { get; private set; }
    [Id(17)] public DateTimeOffset UpdatedAt { get; private set; }
    [Id(18)] public int Version { get; private set; }
    [Id(19)] public string? CancelReason { get; private set; }
    [Id(20)] public List<LinkedReport> Links { get; private set; } = [];
    [Id(21)] public int Supervisions { get; private set; }
    [Id(22)] public List<NoticeRecord> Notices { get; private set; } = [];
    /// <summary>联合处置: the sub-tasks of a joint handling, empty for a single assignee.</summary>
    [Id(23)] public List<SubTask> SubTasks { get; private set; } = [];
    [Id(24)] public List<string> Photos { get; private set; } = [];
    /// <summary>Where a cancelled incident stood when it was cancelled: its step stays on record.</summary>
    [Id(25)] public IncidentStatus? CancelledFrom { get; private set; }
    /// <summary>回访未接通: return-visit calls nobody answered, and when the last one was tried.</summary>
    [Id(26)] public int ReturnVisitAttempts { get; private set; }
    [Id(27)] public DateTimeOffset? LastReturnVisitAttemptAt { get; private set; }
    /// <summary>Who acknowledged the current SLA alert (<see cref="CurrentAlert"/>) and when; null until someone does, and again once the alert changes.</summary>
    [Id(28)] public string? AlertAcknowledgedBy { get; private set; }
    [Id(29)] public DateTimeOffset? AlertAcknowledgedAt { get; private set; }
    /// <summary>When the clock closed the return visit unanswered (its due instant, <see cref="ReturnVisit"/>); null otherwise.</summary>
    [Id(30)] public DateTimeOffset? VisitClosedAt { get; private set; }
    /// <summary>Who reported it (the account's name; a member's account is named by its member id): a 信息员 follows its own reports.</summary>
    [Id(31)] public string? ReportedBy { get; private set; }

    public bool IsJoint => SubTasks.Count > 0;

    public bool Exists => Version > 0;
    public int Step => Status switch
    {
        IncidentStatus.Suspended when StatusBeforeSuspension is { } before => IncidentSteps.StepOf(before),
        IncidentStatus.Cancelled when CancelledFrom is { } from => IncidentSteps.StepOf(from),
        _ => IncidentSteps.StepOf(Status),
    };
    public bool IsOpen => Exists && IncidentSteps.IsOpen(Status);

    /// <summary>The SLA alert standing on the running deadline: which deadline it is and whether it warned or breached.</summary>
    public AlertMark CurrentAlert => new(History.Count, Active is not { } a ? 0 : a.Breached ? 2 : a.Warned ? 1 : 0);

    /// <summary>When the last verification passed (the start of the latest return visit's deadline); null before.</summary>
    public DateTimeOffset? VerifiedAt => History.LastOrDefault(d => d.Deadline.Step == SlaStep.Evaluate)?.Deadline.StartedAt;

    public static IncidentState Fold(IEnumerable<IncidentEvent> events)
    {
        var state = new IncidentState();
        foreach (var e in events) state.Apply(e);
        return state;
    }

    public void Apply(IncidentEvent e)
    {
        if (e.Sequence != Version + 1)
            throw new InvalidOperationException($"Event {e.Sequence} of {e.IncidentId} applied after version {Version}: the ledger has a gap.");
        var alertBefore = CurrentAlert;
        Version = e.Sequence;
        UpdatedAt = e.At;
        Status = e.To;

        switch (e.Action)
        {
            case IncidentAction.Report:
                Id = e.IncidentId;
                Report = e.Report;
                CreatedAt = e.At;
                ReportedBy = e.Actor;
                break;
            case IncidentAction.Locate:
                Placement = e.Placement;
                break;
            case IncidentAction.Dispatch:
                AssigneeId = e.MemberId;
                break;
            case IncidentAction.Split:
                AssigneeId = null;
                SubTasks.Clear();
                break;
            case IncidentAction.AssignTask:
                SubTasks.Add(new SubTask(e.TaskId!, e.Platform!.Value, e.MemberId!, SubTaskStatus.Assigned, new DeadlineRecord(e.Deadline!, false, false, null), null));
                break;
            case IncidentAction.Accept when e.TaskId is not null:
                UpdateTask(e.TaskId, t => t with { Status = SubTaskStatus.Accepted });
                break;
            case IncidentAction.Resolve when e.TaskId is not null:
                UpdateTask(e.TaskId, t => t with { Status = SubTaskStatus.Done, Note = e.Note, Deadline = t.Deadline with { EndedAt = e.At } });
                break;
            case IncidentAction.Return:
                AssigneeId = null;
                Returns++;
                break;
            case IncidentAction.Verify when e.Passed == false:
                Reworks++;
                // Rework of a joint handling reopens every sub-task under the incident's new deadline.
                for (var i = 0; i < SubTasks.Count; i++) SubTasks[i] = SubTasks[i] with { Status = SubTaskStatus.Accepted };
                break;
            case IncidentAction.Evaluate:
                Satisfaction = e.Satisfaction;
                if (ReturnVisit.IsClosedByClock(e)) VisitClosedAt = ReturnVisit.EndedAt(e, Active);
                break;
            case IncidentAction.NoAnswer:
                ReturnVisitAttempts++;
                LastReturnVisitAttemptAt = e.At;
                break;
            case IncidentAction.AcknowledgeAlert:
                AlertAcknowledgedBy = e.Actor;
                AlertAcknowledgedAt = e.At;
                break;
            case IncidentAction.RequestExtension:
                PendingExtensionDueAt = e.RequestedDueAt;
                break;
            case IncidentAction.DecideExtension:
                PendingExtensionDueAt = null;
                if (e.Approved == true) Extensions++;
                break;
            case IncidentAction.Suspend:
                StatusBeforeSuspension = e.From;
                SuspendedAt = e.At;
                break;
            case IncidentAction.Resume:
                StatusBeforeSuspension = null;
                SuspendedAt = null;
                break;
            case IncidentAction.Cancel:
                CancelReason = e.Note;
                CancelledFrom = e.From;
                break;
            case IncidentAction.Warn when e.TaskId is not null:
                UpdateTask(e.TaskId, t => t with { Deadline = t.Deadline with { Warned = true } });
                break;
            case IncidentAction.Escalate when e.TaskId is not null:
                Rung = e.Rung ?? Rung;
                UpdateTask(e.TaskId, t => t with { Deadline = t.Deadline with { Warned = true, Breached = true } });
                break;
            case IncidentAction.Warn when Active is not null:
                Active = Active with { Warned = true };
                History[^1] = Active;
                break;
            case IncidentAction.Escalate:
                Rung = e.Rung ?? Rung;
                if (Active is not null)
                {
                    Active = Active with { Breached = true, Warned = true };
                    History[^1] = Active;
                }
                break;
            case IncidentAction.Assess:
                Score = e.Score;
                break;
            case IncidentAction.Link:
                Links.Add(new LinkedReport(e.LinkId!, e.Report!, e.At, e.Actor, null));
                break;
            case IncidentAction.Unlink:
                var index = Links.FindIndex(l => l.LinkId == e.LinkId);
                if (index >= 0) Links[index] = Links[index] with { UnlinkedInto = e.NewIncidentId };
                break;
            case IncidentAction.Supervise:
                Supervisions++;
                break;
            case IncidentAction.Remind:
                var unread = Notices.FindIndex(x => x.Sequence == e.NoticeSequence);
                if (unread >= 0) Notices[unread] = Notices[unread] with { RemindedAt = e.At };
                break;
            case IncidentAction.AcknowledgeNotice or IncidentAction.ReadNotice:
                var n = Notices.FindIndex(x => x.Sequence == e.NoticeSequence);
                if (n >= 0)
                    Notices[n] = e.Action == IncidentAction.AcknowledgeNotice
                        ? Notices[n] with { DeliveredAt = Notices[n].DeliveredAt ?? e.At }
                        : Notices[n] with { DeliveredAt = Notices[n].DeliveredAt ?? e.At, ReadAt = Notices[n].ReadAt ?? e.At };
                break;
        }
        if (e.Photos is { Count: > 0 } photos) Photos.AddRange(photos);
        if (e.NotifiedMemberId is { } notified)
            Notices.Add(new NoticeRecord(e.Sequence, notified, NoticeKind(e), e.Note, e.At, null, null));

        if (e.Deadline is not null && !e.TaskDeadline) StartDeadline(e.Deadline, e.At, e.Action);
        // An unanswered return visit closed by the clock ends at its due instant, not when the clock woke.
        else if (e.ClearsDeadline) EndDeadline(ReturnVisit.EndedAt(e, Active));

        // An acknowledgement is for one alert: a later one (warned → breached, or the next step's deadline) needs its own.
        if (CurrentAlert != alertBefore)
        {
            AlertAcknowledgedBy = null;
            AlertAcknowledgedAt = null;
        }
    }

    private void UpdateTask(string taskId, Func<SubTask, SubTask> change)
    {
        var i = SubTasks.FindIndex(t => t.TaskId == taskId);
        if (i >= 0) SubTasks[i] = change(SubTasks[i]);
    }

    private static string NoticeKind(IncidentEvent e) => e.Action switch
    {
        IncidentAction.Dispatch or IncidentAction.AssignTask => "assignment",
        IncidentAction.Warn => "warning",
        IncidentAction.Escalate => "breach",
        IncidentAction.Supervise => "supervision",
        IncidentAction.Remind => "reminder",
        _ => e.Action.ToString().ToLowerInvariant(),
    };

    private void StartDeadline(SlaDeadline deadline, DateTimeOffset at, IncidentAction action)
    {
        // Resume and extension move the running deadline; anything else starts the next step's.
        if (Active is not null && Active.Deadline.Step == deadline.Step && action is IncidentAction.Resume or IncidentAction.DecideExtension)
        {
            Active = Active with { Deadline = deadline, Warned = Active.Warned && deadline.WarnAt <= at, Breached = Active.Breached && deadline.DueAt <= at };
            History[^1] = Active;
            return;
        }
        EndDeadline(at);
        Active = new DeadlineRecord(deadline, false, false, null);
        History.Add(Active);
    }

    private void EndDeadline(DateTimeOffset at)
    {
        if (Active is null) return;
        History[^1] = Active with { EndedAt = at };
        Active = null;
    }
}
