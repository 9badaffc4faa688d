using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Incidents;

/// <summary>
/// One entry of an incident's ledger: who did what, when, from which status to which, and the facts
/// it established. Deadlines are written into the event that starts them, so folding the ledger
/// gives the same state whatever SLA policy is in force later (replay equals live).
/// </summary>
[GenerateSerializer, Alias("IncidentEvent")]
public sealed record IncidentEvent
{
    [Id(0)] public required string IncidentId { get; init; }
    /// <summary>1, 2, 3… per incident, without gaps.</summary>
    [Id(1)] public required int Sequence { get; init; }
    [Id(2)] public required DateTimeOffset At { get; init; }
    [Id(3)] public required IncidentAction Action { get; init; }
    [Id(4)] public required string Actor { get; init; }
    [Id(5)] public required string ActorRole { get; init; }
    [Id(6)] public required IncidentStatus From { get; init; }
    [Id(7)] public required IncidentStatus To { get; init; }

    [Id(8)] public IncidentReport? Report { get; init; }
    [Id(9)] public GridPlacement? Placement { get; init; }
    [Id(10)] public string? MemberId { get; init; }
    [Id(11)] public string? Note { get; init; }
    [Id(12)] public bool? Passed { get; init; }
    [Id(13)] public int? Satisfaction { get; init; }
    [Id(14)] public bool? Approved { get; init; }
    [Id(15)] public DateTimeOffset? RequestedDueAt { get; init; }

    /// <summary>The deadline running after this event (null: none). Absent means unchanged.</summary>
    [Id(16)] public SlaDeadline? Deadline { get; init; }
    [Id(17)] public bool ClearsDeadline { get; init; }

    /// <summary>For Warn and Escalate: the step whose deadline was reached.</summary>
    [Id(18)] public SlaStep? Step { get; init; }
    [Id(19)] public EscalationRung? Rung { get; init; }
    [Id(20)] public double? Score { get; init; }
    [Id(21)] public string? GridId { get; init; }

    /// <summary>For Link: the duplicate report and its link id; for Unlink: the link undone and the new case it became.</summary>
    [Id(22)] public string? LinkId { get; init; }
    [Id(23)] public string? NewIncidentId { get; init; }

    /// <summary>For AcknowledgeNotice and ReadNotice: the sequence number of the event whose notice it concerns.</summary>
    [Id(24)] public int? NoticeSequence { get; init; }

    /// <summary>For joint handling: the sub-task this event concerns, and its platform.</summary>
    [Id(26)] public string? TaskId { get; init; }
    [Id(27)] public Catalogue.Platform? Platform { get; init; }

    [Id(28)] public IReadOnlyList<string>? Photos { get; init; }

    /// <summary>The Deadline belongs to the sub-task (TaskId), not to the incident's current step.</summary>
    [Id(29)] public bool TaskDeadline { get; init; }
    /// <summary>Verify on site: where the checker stood.</summary>
    [Id(30)] public SitePosition? Position { get; init; }
    /// <summary>The request key (Idempotency-Key) of the decision that appended this event, when its caller sent one.</summary>
    [Id(31)] public string? RequestKey { get; init; }

    /// <summary>The member this event notified (assignment, SLA alert, supervision), if any.</summary>
    [Id(25)] public string? NotifiedMemberId { get; init; }
}

/// <summary>Overdue work climbs one rung per breach: worker → grid leader → supervisor → parent grid → command center.</summary>
public enum EscalationRung { None, GridLeader, Supervisor, ParentGrid, CommandCenter }
