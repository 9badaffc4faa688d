using CommandCenter.Grains.Members;

namespace CommandCenter.Members;

public sealed record LocationView(double Lat, double Lon, DateTimeOffset At);

/// <summary>A member as the API shows it.</summary>
public sealed record MemberView(
    string Id, string Name, string Role, string GridId, string Employment, string Duty, DateTimeOffset? DutySince, LocationView? LastLocation)
{
    public static MemberView Of(MemberSnapshot s) => new(
        s.Profile.Id, s.Profile.Name, s.Profile.Role.ToString(), s.Profile.GridId, s.Profile.Employment.ToString(),
        DutyWords.Of(s.Duty), s.DutySince,
        s.LastLocation is { } l ? new LocationView(l.Lat, l.Lon, l.At) : null);
}

/// <summary>The API's words for duty states.</summary>
public static class DutyWords
{
    public static string Of(DutyState state) => state switch
    {
        DutyState.On => "on",
        DutyState.Busy => "busy",
        _ => "off",
    };

    public static DutyState? Parse(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "on" => DutyState.On,
        "off" => DutyState.Off,
        "busy" => DutyState.Busy,
        _ => null,
    };
}
