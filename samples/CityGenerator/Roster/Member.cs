namespace CityGenerator.Roster;

/// <summary>One grid staff member as written to roster.json.</summary>
public sealed record Member(string Id, string Name, string Role, string GridId, string Employment, string Phone);

public static class Roles
{
    public const string GridLeader = "GridLeader";   // 网格长
    public const string GridWorker = "GridWorker";   // 网格员
    public const string Supervisor = "Supervisor";   // 督查员
    public const string Informant = "Informant";     // 信息员
    public const string Liaison = "Liaison";         // 联络员
    public const string Patroller = "Patroller";     // 巡查员

    public static readonly string[] All = [GridLeader, GridWorker, Supervisor, Informant, Liaison, Patroller];
}

public static class Employment
{
    public const string FullTime = "FullTime";
    public const string PartTime = "PartTime";
}
