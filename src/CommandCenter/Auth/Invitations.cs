using System.Security.Cryptography;
using System.Text;
using CommandCenter.Grains.Accounts;

namespace CommandCenter.Auth;

/// <summary>
/// One-time invitations: an administrator hands a person a code (as a link to its page) with which it sets its own
/// password. Only the code's hash is kept; a new invitation replaces the old and ends the account's sessions.
/// </summary>
public static class Invitations
{
    public sealed record Issued(string Code, string Link, DateTimeOffset ExpiresAt);

    public static string HashOf(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim())));

    /// <summary>The account waiting for its password under a new code; its old password no longer works.</summary>
    public static (Account Account, Issued Invitation) Issue(Account account, DateTimeOffset now, TimeSpan lifetime)
    {
        var code = Base64Url(RandomNumberGenerator.GetBytes(18));
        var expires = now + lifetime;
        var invited = account.EndingSessions() with { PasswordHash = "", InvitationHash = HashOf(code), InvitationExpiresAt = expires };
        return (invited, new Issued(code, LinkFor(account.Role, code), expires));
    }

    /// <summary>The page the person opens: the admin console, the desk's wall, or the phone page.</summary>
    public static string LinkFor(string role, string code) =>
        (role == Roles.Admin ? "/admin" : Roles.IsStaff(role) ? "/" : "/worker") + "?invite=" + Uri.EscapeDataString(code);

    public static bool IsOpen(Account account, DateTimeOffset now) =>
        account.InvitationHash is not null && account.InvitationExpiresAt > now && !account.Disabled;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
