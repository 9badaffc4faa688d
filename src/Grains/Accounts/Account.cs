namespace CommandCenter.Grains.Accounts;

/// <summary>
/// Who signs in: the command center's staff (operator, supervisor, admin), and the members of the grid teams
/// (一长五员), each by its duty: 网格员 and 巡查员 handle and patrol (worker), 网格长 leads a grid (grid-leader),
/// 督查员 checks work on site (inspector), 信息员 reports what it sees (informant), 联络员 reports and follows its
/// grid's cases (liaison). A member's account is linked to its member and works in its home grid's subtree.
/// </summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Worker = "worker";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public const string GridLeader = "grid-leader";
    public const string Inspector = "inspector";
    public const string Informant = "informant";
    public const string Liaison = "liaison";

    public static readonly IReadOnlyList<string> All = [Operator, Worker, Supervisor, Admin, GridLeader, Inspector, Informant, Liaison];

    /// <summary>The command center's desks.</summary>
    public static readonly IReadOnlyList<string> Staff = [Operator, Supervisor, Admin];

    /// <summary>Who replays history, reads KPIs and assessments: the supervisors and admins.</summary>
    public static readonly IReadOnlyList<string> Supervision = [Supervisor, Admin];

    /// <summary>The grid teams' people: accounts linked to a member of the roster.</summary>
    public static readonly IReadOnlyList<string> Members = [Worker, GridLeader, Inspector, Informant, Liaison];

    public static bool IsStaff(string role) => Staff.Contains(role);

    public static bool IsMember(string role) => Members.Contains(role);

    /// <summary>
    /// Members who see their home grid's subtree, not only their own work: the 网格长 leads it, the 督查员 checks it,
    /// the 联络员 follows its cases. A 网格员 and a 信息员 see their own work and reports.
    /// </summary>
    public static bool SeesHomeGrid(string role) => role is GridLeader or Inspector or Liaison;

    /// <summary>The account role a member signs in with, by its place in 一长五员.</summary>
    public static string OfMember(CommandCenter.Grains.Members.MemberRole role) => role switch
    {
        CommandCenter.Grains.Members.MemberRole.GridLeader => GridLeader,
        CommandCenter.Grains.Members.MemberRole.Supervisor => Inspector,
        CommandCenter.Grains.Members.MemberRole.Informant => Informant,
        CommandCenter.Grains.Members.MemberRole.Liaison => Liaison,
        _ => Worker,
    };

    /// <summary>Who opens cases (受理 a call, report from the field): operators, admins and every member; a supervisor checks, it does not report.</summary>
    public static bool MayReport(string role) => role is Operator or Admin || IsMember(role);

    /// <summary>Who runs the scheduled jobs (archive, daily report, assessment, random inspection) by hand: admins.</summary>
    public static bool MayRunJobs(string role) => role is Admin;

    /// <summary>Who patrols and has its mileage counted (巡查): every member but the 信息员, who reports what it meets.</summary>
    public static bool MayPatrol(string role) => IsMember(role) && role != Informant;

    /// <summary>Who works the 双随机 inspections: the desks that see them, and the 督查员 drawn to check (its own tasks only; the scope rule says which).</summary>
    public static readonly IReadOnlyList<string> InspectionDesk = [Operator, Supervisor, Admin, Inspector];

    /// <summary>A member who checks handled cases on site (核查): its role holds the verify action.</summary>
    public static bool VerifiesOnSite(string role) =>
        IsMember(role) && Incidents.IncidentActions.Of(Incidents.IncidentAction.Verify).Roles.Contains(role);

    /// <summary>
    /// The desk powers a role has beyond incident actions (those the incident view offers per case), carried in the
    /// token so a page shows only what the server will take: "wall" (the map wall's desks), "replay", "report",
    /// "run-jobs"; for members "my-reports" (what
    /// became of its reports), "patrol", "grid" (its home grid's cases and people live), "verify" (核查 on site) and
    /// "inspections" (the 双随机 checks it was drawn for); for admins "admin" (the admin console).
    /// </summary>
    public static IReadOnlyList<string> PowersOf(string role)
    {
        var powers = new List<string>();
        if (IsStaff(role)) powers.Add("wall");
        if (Supervision.Contains(role)) powers.Add("replay");
        if (Supervision.Contains(role)) powers.Add("kpis");
        if (MayReport(role)) powers.Add("report");
        if (MayRunJobs(role)) powers.Add("run-jobs");
        if (IsMember(role)) powers.Add("my-reports");
        if (MayPatrol(role)) powers.Add("patrol");
        if (SeesHomeGrid(role)) powers.Add("grid");
        if (VerifiesOnSite(role)) powers.Add("verify");
        if (IsMember(role) && InspectionDesk.Contains(role)) powers.Add("inspections");
        if (role is Admin) powers.Add("admin");
        return powers;
    }
}

/// <summary>
/// A sign-in account: each person its own. The password hash is opaque here (the host hashes; empty while the account
/// waits for its person to set one from an invitation); a member's account is linked to its member; an operator or
/// supervisor may be scoped to a grid subtree. <see cref="Sessions"/> counts the account's session generations: a token
/// carries the generation it was issued in and stops working when the count moves on (disabled, reset, role changed).
/// </summary>
[GenerateSerializer, Alias("Account")]
public sealed record Account(
    [property: Id(0)] string Username,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string Role,
    [property: Id(3)] string? MemberId,
    [property: Id(4)] string? GridScope,
    [property: Id(5)] bool Disabled = false,
    [property: Id(6)] int Sessions = 0,
    [property: Id(7)] string? InvitationHash = null,
    [property: Id(8)] DateTimeOffset? InvitationExpiresAt = null)
{
    public AccountState State => Disabled ? AccountState.Disabled : PasswordHash.Length == 0 ? AccountState.Invited : AccountState.Active;

    /// <summary>The account with every session it had ended: tokens issued before stop working.</summary>
    public Account EndingSessions() => this with { Sessions = Sessions + 1 };
}

/// <summary>Where an account stands: signs in, waits for its password (an invitation out), or refused.</summary>
public enum AccountState { Active, Invited, Disabled }
