namespace CommandCenter.Grains.Incidents;

/// <summary>A request to act on an incident, with the fields its action needs.</summary>
[GenerateSerializer, Alias("IncidentCommand")]
public sealed record IncidentCommand([property: Id(0)] IncidentAction Action)
{
    /// <summary>The field a reused request key is refused under: the HTTP header that carries it.</summary>
    public const string RequestKeyField = "Idempotency-Key";

    /// <summary>For locate: the grid the host resolved from the point or the grid id given.</summary>
    [Id(1)] public GridPlacement? Placement { get; init; }
    [Id(2)] public string? MemberId { get; init; }
    [Id(3)] public string? Note { get; init; }
    [Id(4)] public bool? Passed { get; init; }
    [Id(5)] public int? Satisfaction { get; init; }
    [Id(6)] public bool? Approved { get; init; }
    [Id(7)] public DateTimeOffset? RequestedDueAt { get; init; }
    [Id(8)] public string? LinkId { get; init; }
    /// <summary>For unlink: the case the linked report became.</summary>
    [Id(9)] public string? NewIncidentId { get; init; }
    [Id(10)] public int? NoticeSequence { get; init; }
    /// <summary>For accept and resolve of a joint incident: which sub-task.</summary>
    [Id(11)] public string? TaskId { get; init; }
    /// <summary>For split: the platforms and their members.</summary>
    [Id(12)] public IReadOnlyList<TaskPlan>? Tasks { get; init; }
    /// <summary>For resolve: photo references uploaded before.</summary>
    [Id(13)] public IReadOnlyList<string>? Photos { get; init; }
    /// <summary>For verify on site: where the checker stood (the phone's position).</summary>
    [Id(14)] public SitePosition? Position { get; init; }
    /// <summary>
    /// The caller's key for this request (its Idempotency-Key), as sent: the events the decision appends carry it,
    /// so a retry with the same key gets the first answer instead of acting twice.
    /// </summary>
    [Id(15)] public string? RequestKey { get; init; }
}

/// <summary>A point where a person stood when acting (a 督查员 verifying on site).</summary>
[GenerateSerializer, Alias("SitePosition")]
public sealed record SitePosition([property: Id(0)] double Lat, [property: Id(1)] double Lon);

/// <summary>One sub-task asked for in a split: a platform and the member who takes it.</summary>
[GenerateSerializer, Alias("TaskPlan")]
public sealed record TaskPlan([property: Id(0)] Catalogue.Platform Platform, [property: Id(1)] string MemberId);

public enum RejectionKind
{
    /// <summary>Not possible in the incident's current state (409).</summary>
    IllegalState,
    /// <summary>This person may not take this action (403).</summary>
    Forbidden,
    /// <summary>A field is missing or wrong (422).</summary>
    Invalid,
    /// <summary>No incident has this id (404).</summary>
    NotFound,
}

/// <summary>Why an action was refused, in words a person can act on.</summary>
[GenerateSerializer, Alias("LifecycleRejection")]
public sealed record LifecycleRejection(
    [property: Id(0)] RejectionKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] string CurrentState,
    [property: Id(3)] IReadOnlyList<string> AllowedNow,
    [property: Id(4)] string? Field = null);

/// <summary>The outcome of an action: the events it appended (durably) or why it was refused.</summary>
[GenerateSerializer, Alias("ActionOutcome")]
public sealed record ActionOutcome(
    [property: Id(0)] IReadOnlyList<IncidentEvent> Events,
    [property: Id(1)] LifecycleRejection? Rejection)
{
    public bool Accepted => Rejection is null;
    public static ActionOutcome Refused(LifecycleRejection rejection) => new([], rejection);
}
