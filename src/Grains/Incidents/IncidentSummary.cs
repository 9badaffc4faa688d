using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Incidents;

/// <summary>
/// The incident as lists and indexes see it: written with every transition, in the same durable write as its events.
/// <see cref="Light"/> is what the light rule computed for this state; lists and overdue filters read it, never recompute it.
/// </summary>
[GenerateSerializer, Alias("IncidentSummary")]
public sealed record IncidentSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] IncidentStatus Status,
    [property: Id(2)] int Step,
    [property: Id(3)] string Category,
    [property: Id(4)] Priority Priority,
    [property: Id(5)] string Channel,
    [property: Id(6)] string? GridId,
    [property: Id(7)] IReadOnlyList<string> GridChain,
    [property: Id(8)] string? AssigneeId,
    [property: Id(9)] double? Lat,
    [property: Id(10)] double? Lon,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset UpdatedAt,
    [property: Id(13)] SlaStep? ActiveStep,
    [property: Id(14)] DateTimeOffset? WarnAt,
    [property: Id(15)] DateTimeOffset? DueAt,
    [property: Id(16)] bool Breached,
    [property: Id(17)] EscalationRung Rung,
    [property: Id(18)] DateTimeOffset? NextWakeAt,
    [property: Id(19)] int Version,
    [property: Id(20)] bool Warned,
    [property: Id(21)] SlaLightCourse Light,
    [property: Id(22)] int ReturnVisitAttempts = 0,
    [property: Id(23)] DateTimeOffset? LastAttemptAt = null,
    [property: Id(24)] string? AlertAcknowledgedBy = null,
    [property: Id(25)] DateTimeOffset? AlertAcknowledgedAt = null,
    /// <summary>When the clock closed the return visit unanswered (<see cref="ReturnVisit.IsClosedByClock"/>); null otherwise.</summary>
    [property: Id(26)] DateTimeOffset? VisitClosedAt = null,
    /// <summary>When the latest verification passed (the return visit's deadline started).</summary>
    [property: Id(27)] DateTimeOffset? VerifiedAt = null)
{
    public bool IsOpen => IncidentSteps.IsOpen(Status);

    /// <summary>
    /// The summary of this state. <see cref="NextWakeAt"/> is when its SLA clock next needs a look (the earliest warning,
    /// deadline or, with <paramref name="resendUnreadAfter"/>, unread escalation notice to send again): the grid's clock wakes it then.
    /// </summary>
    public static IncidentSummary Of(IncidentState s, TimeSpan? resendUnreadAfter = null) => new(
        s.Id, s.Status, s.Step, s.Report!.Category, s.Report.Priority, s.Report.Channel,
        s.Placement?.GridId, s.Placement?.Chain ?? [], s.AssigneeId, s.Report.Lat, s.Report.Lon, s.CreatedAt, s.UpdatedAt,
        s.Active?.Deadline.Step, s.Active?.Deadline.WarnAt, s.Active?.Deadline.DueAt, s.Active?.Breached ?? false, s.Rung,
        IncidentLifecycle.NextWake(s, resendUnreadAfter), s.Version, s.Active?.Warned ?? false, SlaLightRule.CourseOf(s),
        s.ReturnVisitAttempts, s.LastReturnVisitAttemptAt, s.AlertAcknowledgedBy, s.AlertAcknowledgedAt, s.VisitClosedAt, s.VerifiedAt);
}

/// <summary>A filter over incidents for lists.</summary>
public sealed record IncidentQuery(
    string? GridId, IncidentStatus? Status, bool? Overdue, DateTimeOffset? From, DateTimeOffset? To, DateTimeOffset Now, int Offset, int Limit)
{
    /// <summary>Only these case numbers.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }
    /// <summary>Only these category codes.</summary>
    public IReadOnlyCollection<string>? Categories { get; init; }
    /// <summary>Only these channels.</summary>
    public IReadOnlyCollection<string>? Channels { get; init; }
    /// <summary>Only open (true) or only closed (false) incidents.</summary>
    public bool? Open { get; init; }
    /// <summary>Case search (<see cref="CaseSearch"/>): a case number, or words of the report's address, description, caller name or phone.</summary>
    public string? Search { get; init; }
    /// <summary>Only incidents whose caller's phone has exactly these digits.</summary>
    public string? PhoneDigits { get; init; }
    /// <summary>Only incidents at this step (1–9).</summary>
    public int? Step { get; init; }
    /// <summary>Only incidents showing this light at <see cref="IncidentQuery.Now"/> (the course the light rule stored).</summary>
    public SlaLight? Light { get; init; }
    /// <summary>Only return visits the clock closed unanswered at or after this instant (and before <see cref="VisitClosedTo"/>).</summary>
    public DateTimeOffset? VisitClosedFrom { get; init; }
    public DateTimeOffset? VisitClosedTo { get; init; }
}

public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, int Total);
