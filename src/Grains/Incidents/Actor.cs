using CommandCenter.Grains.Accounts;

namespace CommandCenter.Grains.Incidents;

/// <summary>Who acts: a signed-in account (with its member id for workers) or the system itself.</summary>
[GenerateSerializer, Alias("Actor")]
public sealed record Actor([property: Id(0)] string Name, [property: Id(1)] string Role, [property: Id(2)] string? MemberId = null)
{
    public const string SystemRole = "system";

    public static Actor System { get; } = new("system", SystemRole);

    public bool IsAdmin => Role == Roles.Admin;
    public bool IsSystem => Role == SystemRole;
}
