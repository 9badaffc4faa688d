namespace CommandCenter.Grains.Members;

/// <summary>Who a member is: fixed by the roster, not by duty or position.</summary>
[GenerateSerializer, Alias("MemberProfile")]
public sealed record MemberProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] MemberRole Role,
    [property: Id(3)] string GridId,
    [property: Id(4)] Employment Employment,
    [property: Id(5)] string? Phone);

/// <summary>A position at an instant (UTC).</summary>
[GenerateSerializer, Alias("Fix")]
public sealed record Fix([property: Id(0)] double Lat, [property: Id(1)] double Lon, [property: Id(2)] DateTimeOffset At);

/// <summary>What operators see of a member; one who <see cref="Left"/> the roster keeps its record but takes no work.</summary>
[GenerateSerializer, Alias("MemberSnapshot")]
public sealed record MemberSnapshot(
    [property: Id(0)] MemberProfile Profile,
    [property: Id(1)] DutyState Duty,
    [property: Id(2)] Fix? LastLocation,
    [property: Id(3)] DateTimeOffset? DutySince,
    [property: Id(4)] bool Left = false);
