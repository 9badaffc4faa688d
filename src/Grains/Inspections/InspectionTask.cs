namespace CommandCenter.Grains.Inspections;

/// <summary>
/// 双随机: one check drawn at random: a 督查员 (a member with role Supervisor, signing in as "inspector") checks a handled or
/// closed case on site. Drawn, then its result recorded once. The fields after <see cref="PoolOfIncidents"/> came with
/// quotas and results; tasks drawn before them have none.
/// </summary>
[GenerateSerializer, Alias("InspectionTask")]
public sealed record InspectionTask(
    [property: Id(0)] string Id,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] string InspectorId,
    [property: Id(3)] string InspectorName,
    [property: Id(4)] string IncidentId,
    [property: Id(5)] string? GridId,
    [property: Id(6)] string IncidentState,
    [property: Id(7)] DateTimeOffset DrawnAt,
    [property: Id(8)] int PoolOfInspectors,
    [property: Id(9)] int PoolOfIncidents,
    /// <summary>The month it counts against, in the city's time zone: "yyyy-MM".</summary>
    [property: Id(10)] string? Period = null,
    /// <summary>The case's town (level-1 grid), whose quota it counts against.</summary>
    [property: Id(11)] string? TownId = null,
    /// <summary>The case's grid chain at the draw, deepest first.</summary>
    [property: Id(12)] IReadOnlyList<string>? GridChain = null,
    [property: Id(13)] string? Category = null,
    /// <summary>When the check is due: the end of its period.</summary>
    [property: Id(14)] DateTimeOffset? DueAt = null,
    [property: Id(15)] InspectionResult? Result = null,
    [property: Id(16)] InspectionFollowUp? FollowUp = null)
{
    public bool IsRecorded => Result is not null;

    public string State => IsRecorded ? "recorded" : "drawn";
}

/// <summary>What the inspector found: pass or fail, a note (required on a fail), photos (uploaded names), where, by whom, when.</summary>
[GenerateSerializer, Alias("InspectionResult")]
public sealed record InspectionResult(
    [property: Id(0)] bool Passed,
    [property: Id(1)] string? Note,
    [property: Id(2)] IReadOnlyList<string> Photos,
    [property: Id(3)] double? Lat,
    [property: Id(4)] double? Lon,
    [property: Id(5)] string RecordedBy,
    [property: Id(6)] string? RecordedByMember,
    [property: Id(7)] DateTimeOffset RecordedAt);

/// <summary>What a failed check led to: the case sent back (rework) or a new case (new-case), and which case that is.</summary>
[GenerateSerializer, Alias("InspectionFollowUp")]
public sealed record InspectionFollowUp(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? IncidentId,
    [property: Id(3)] DateTimeOffset At,
    /// <summary>Why nothing was opened, when nothing could be.</summary>
    [property: Id(4)] string? Problem = null);
