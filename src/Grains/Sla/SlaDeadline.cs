namespace CommandCenter.Grains.Sla;

/// <summary>
/// The clock of one step of one incident, as absolute UTC instants so that a woken grain only
/// compares instants. OriginalDueAt survives suspension and extension: a breach is always judged
/// against what was first promised as well.
/// </summary>
[GenerateSerializer, Alias("SlaDeadline")]
public sealed record SlaDeadline(
    [property: Id(0)] SlaStep Step,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset WarnAt,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] DateTimeOffset OriginalDueAt,
    [property: Id(5)] SlaDuration Limit);
