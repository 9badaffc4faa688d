namespace CommandCenter.Grains.Accounts;

/// <summary>The four kinds of people who sign in.</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Worker = "worker";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Operator, Worker, Supervisor, Admin];

    /// <summary>Who opens cases (受理 a call, report from the field): operators, workers and admins; a supervisor checks, it does not report.</summary>
    public static bool MayReport(string role) => role is Operator or Worker or Admin;

    /// <summary>Who runs the scheduled jobs (archive, daily report, assessment, random inspection) by hand: admins.</summary>
    public static bool MayRunJobs(string role) => role is Admin;

    /// <summary>
    /// The desk powers a role has beyond incident actions (those the incident view offers per case), carried in the
    /// token so a page shows only what the server will take: "report", "run-jobs".
    /// </summary>
    public static IReadOnlyList<string> PowersOf(string role) =>
        [.. MayReport(role) ? ["report"] : Array.Empty<string>(), .. MayRunJobs(role) ? ["run-jobs"] : Array.Empty<string>()];
}

/// <summary>
/// A sign-in account. The password hash is opaque here (the host hashes); a worker account is
/// linked to its member; an operator or supervisor may be scoped to a grid subtree.
/// </summary>
[GenerateSerializer, Alias("Account")]
public sealed record Account(
    [property: Id(0)] string Username,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string Role,
    [property: Id(3)] string? MemberId,
    [property: Id(4)] string? GridScope);
