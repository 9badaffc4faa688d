using MessagePack;

namespace CommandCenter.Grains.Wall;

// Wire shapes of live pushes. Keys are camelCase for MessagePack so that JSON and MessagePack clients
// see the same field names.

/// <summary>
/// An incident as the wall draws it: a full summary, so applying it twice or late is harmless (the higher version wins).
/// Its light runs by yellowFrom, redFrom and noneFrom (null: not while this version stands): green, yellow, red, none.
/// Immutable for Orleans: the incident sends one delta to the four scope feeds above it and each keeps it while the
/// incident is open; copied at each call, that was four copies per open incident (≈ 0.9 KB more per open case).
/// </summary>
[GenerateSerializer, Alias("IncidentDelta"), MessagePackObject, Immutable]
public sealed record IncidentDelta(
    [property: Id(0), Key("id")] string Id,
    [property: Id(1), Key("version")] int Version,
    [property: Id(2), Key("state")] string State,
    [property: Id(3), Key("step")] int Step,
    [property: Id(4), Key("category")] string Category,
    [property: Id(5), Key("priority")] string Priority,
    [property: Id(6), Key("lat")] double? Lat,
    [property: Id(7), Key("lon")] double? Lon,
    [property: Id(8), Key("gridId")] string? GridId,
    [property: Id(9), Key("assigneeId")] string? AssigneeId,
    [property: Id(10), Key("activeStep")] string? ActiveStep,
    [property: Id(11), Key("warnAt")] DateTimeOffset? WarnAt,
    [property: Id(12), Key("dueAt")] DateTimeOffset? DueAt,
    [property: Id(13), Key("breached")] bool Breached,
    [property: Id(14), Key("warned")] bool Warned,
    [property: Id(15), Key("escalation")] string Escalation,
    [property: Id(16), Key("open")] bool Open,
    [property: Id(17), Key("createdAt")] DateTimeOffset CreatedAt,
    [property: Id(18), Key("updatedAt")] DateTimeOffset UpdatedAt,
    [property: Id(19), Key("yellowFrom")] DateTimeOffset? YellowFrom,
    [property: Id(20), Key("redFrom")] DateTimeOffset? RedFrom,
    [property: Id(21), Key("noneFrom")] DateTimeOffset? NoneFrom,
    [property: Id(22), Key("alertAcknowledgedBy")] string? AlertAcknowledgedBy = null,
    [property: Id(23), Key("alertAcknowledgedAt")] DateTimeOffset? AlertAcknowledgedAt = null)
{
    /// <summary>The light's course as the light rule computed it (Sla.SlaLightRule): the page reads the light at any instant off these three.</summary>
    [IgnoreMember]
    public Sla.SlaLightCourse Light => new(YellowFrom, RedFrom, NoneFrom);

    /// <summary>Red at <paramref name="at"/>, as <see cref="Light"/> would say, without allocating it.</summary>
    public bool IsOverdueAt(DateTimeOffset at) => Sla.SlaLightCourse.IsOverdueAt(RedFrom, NoneFrom, at);
}

/// <summary>A yellow (warn) or red (breach) light for one incident's step.</summary>
[GenerateSerializer, Alias("SlaAlert"), MessagePackObject]
public sealed record SlaAlert(
    [property: Id(0), Key("incidentId")] string IncidentId,
    [property: Id(1), Key("kind")] string Kind,
    [property: Id(2), Key("step")] string Step,
    [property: Id(3), Key("escalation")] string Escalation,
    [property: Id(4), Key("at")] DateTimeOffset At,
    [property: Id(5), Key("gridId")] string? GridId,
    [property: Id(6), Key("assigneeId")] string? AssigneeId,
    [property: Id(7), Key("dueAt")] DateTimeOffset? DueAt);

/// <summary>Where a member is.</summary>
[GenerateSerializer, Alias("PositionUpdate"), MessagePackObject]
public sealed record PositionUpdate(
    [property: Id(0), Key("memberId")] string MemberId,
    [property: Id(1), Key("lat")] double Lat,
    [property: Id(2), Key("lon")] double Lon,
    [property: Id(3), Key("at")] DateTimeOffset At,
    [property: Id(4), Key("duty")] string Duty);

/// <summary>A notice to a worker: an assignment, a supervision notice (督办) or an SLA alert on its work.</summary>
[GenerateSerializer, Alias("WorkerNotice"), MessagePackObject]
public sealed record WorkerNotice(
    [property: Id(0), Key("kind")] string Kind,
    [property: Id(1), Key("incidentId")] string IncidentId,
    [property: Id(2), Key("text")] string Text,
    [property: Id(3), Key("at")] DateTimeOffset At,
    [property: Id(4), Key("incident")] IncidentDelta? Incident,
    [property: Id(5), Key("noticeSequence")] int NoticeSequence = 0);

/// <summary>Per-scope counters for the wall's header.</summary>
[GenerateSerializer, Alias("ScopeCounters"), MessagePackObject]
public sealed record ScopeCounters(
    [property: Id(0), Key("open")] int Open,
    [property: Id(1), Key("overdue")] int Overdue,
    [property: Id(2), Key("handledToday")] int HandledToday,
    [property: Id(3), Key("onTimeToday")] int OnTimeToday);

/// <summary>
/// One push on a channel: everything that changed since the last one. Channels are "scope:&lt;grid id&gt;"
/// and "member:&lt;member id&gt;". Sequence numbers count pushes per channel with no gaps; the epoch
/// changes when the channel restarts, so a client that sees a new epoch or a gap reloads a snapshot.
/// </summary>
[GenerateSerializer, Alias("FeedBatch"), MessagePackObject]
public sealed record FeedBatch(
    [property: Id(0), Key("channel")] string Channel,
    [property: Id(1), Key("epoch")] string Epoch,
    [property: Id(2), Key("sequence")] long Sequence,
    [property: Id(3), Key("incidents")] IReadOnlyList<IncidentDelta> Incidents,
    [property: Id(4), Key("alerts")] IReadOnlyList<SlaAlert> Alerts,
    [property: Id(5), Key("positions")] IReadOnlyList<PositionUpdate> Positions,
    [property: Id(6), Key("notices")] IReadOnlyList<WorkerNotice> Notices,
    [property: Id(7), Key("counters")] ScopeCounters? Counters);

/// <summary>A channel's state for a client that (re)joins: apply pushes with a higher sequence of the same epoch.</summary>
[GenerateSerializer, Alias("FeedSnapshot"), MessagePackObject]
public sealed record FeedSnapshot(
    [property: Id(0), Key("channel")] string Channel,
    [property: Id(1), Key("epoch")] string Epoch,
    [property: Id(2), Key("sequence")] long Sequence,
    [property: Id(3), Key("incidents")] IReadOnlyList<IncidentDelta> Incidents,
    [property: Id(4), Key("positions")] IReadOnlyList<PositionUpdate> Positions,
    [property: Id(5), Key("counters")] ScopeCounters Counters);
