using CommandCenter.Access;
using System.Text.RegularExpressions;
using CommandCenter.Auth;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grids;
using CommandCenter.Http;
using Microsoft.Extensions.Options;

namespace CommandCenter.Admin;

/// <summary>
/// Accounts for admins: each person its own credential. Staff accounts are made here (members' come from the roster);
/// a person is invited (a one-time code with an expiry) or reset (a new one, the old password and sessions ended);
/// an account is disabled (its tokens stop at once) or enabled; lockouts are listed and lifted.
/// </summary>
public static partial class AccountAdminEndpoints
{
    public sealed record AccountView(string Username, string Role, string? MemberId, string? GridScope, string State,
        DateTimeOffset? InvitationExpiresAt, DateTimeOffset? LockedUntil);

    public sealed record NewAccount(string? Username, string? Role, string? GridScope);

    public sealed record AccountChange(string? Role, string? GridScope);

    public sealed record InvitationView(string Code, string Link, DateTimeOffset ExpiresAt);

    public sealed record CreatedAccount(AccountView Account, InvitationView Invitation);

    public sealed record LockoutView(string Username, DateTimeOffset LockedUntil);

    /// <summary>The staff roles an admin gives here; members' roles come from their place in 一长五员 on the roster.</summary>
    public static readonly IReadOnlyList<string> StaffRoles = Roles.Staff;

    public static void MapAccountAdminEndpoints(this RouteGroupBuilder admin)
    {
        var accounts = admin.MapGroup("/accounts");

        accounts.MapGet("/", async (IGrainFactory grains) =>
        {
            var locked = await grains.GetGrain<ILockoutBoardGrain>("city").Current();
            var all = await grains.GetGrain<IAccountDirectoryGrain>("accounts").List();
            return Results.Ok(all.Select(a => View(a, locked)));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("Every account: role, member, grid scope, state (active, invited, disabled), invitation expiry and lockout.");

        accounts.MapPost("/", async (NewAccount? body, IGrainFactory grains, GridDirectory grids, AccountSessions sessions, AuditLog audit,
            IOptions<AuthOptions> options, TimeProvider clock, HttpContext http) =>
        {
            var fields = new Fields();
            var username = body?.Username?.Trim() ?? "";
            if (!UsernamePattern().IsMatch(username)) fields.Add("username", "A username is 3 to 32 letters, digits, '.', '-' or '_'.");
            var role = body?.Role?.Trim() ?? "";
            if (!StaffRoles.Contains(role))
                fields.Add("role", $"role must be one of {string.Join(", ", StaffRoles)}; members' accounts come from the roster.");
            var scope = await Scope(fields, grids, role, body?.GridScope);
            if (fields.Any) return fields.Result();
            var directory = grains.GetGrain<IAccountDirectoryGrain>("accounts");
            if (await directory.Find(username) is not null) return Problems.Field("username", $"An account {username} exists already.");
            var (account, invitation) = Invitations.Issue(new Account(username, "", role, null, scope), clock.GetUtcNow(), options.Value.InvitationLifetime);
            await directory.Put([account]);
            await audit.Record(http.User, "account.create", "account:" + username, null, new { role, gridScope = scope });
            return Results.Created($"/api/admin/accounts/{username}", new CreatedAccount(View(account, null), View(invitation)));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("Create a staff account (operator, supervisor, admin; operators and supervisors may be scoped to a grid subtree) and its invitation.");

        accounts.MapPut("/{username}", async (string username, AccountChange? body, IGrainFactory grains, GridDirectory grids,
            AccountSessions sessions, AuditLog audit, HttpContext http) =>
        {
            var directory = grains.GetGrain<IAccountDirectoryGrain>("accounts");
            if (await directory.Find(username) is not { } account) return Unknown(username);
            if (account.MemberId is not null)
                return Results.Problem(title: "A member's account", statusCode: StatusCodes.Status409Conflict,
                    detail: "A member's role and grid come from the roster: change the member (PUT /api/admin/members/{id}) instead.");
            var fields = new Fields();
            var role = body?.Role?.Trim() ?? account.Role;
            if (!StaffRoles.Contains(role)) fields.Add("role", $"role must be one of {string.Join(", ", StaffRoles)}.");
            var scope = await Scope(fields, grids, role, body?.GridScope);
            if (fields.Any) return fields.Result();
            if (account.Username == http.User.Identity?.Name && role != Roles.Admin)
                return Results.Problem(title: "Your own account", statusCode: StatusCodes.Status409Conflict,
                    detail: "An admin cannot take away its own admin role; another admin can.");
            // The token carries role and scope: the account's sessions end, it signs in again with the new ones.
            var changed = account.EndingSessions() with { Role = role, GridScope = scope };
            await directory.Put([changed]);
            await sessions.Refresh();
            await audit.Record(http.User, "account.update", "account:" + account.Username,
                new { account.Role, account.GridScope }, new { changed.Role, changed.GridScope });
            return Results.Ok(View(changed, null));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("Change a staff account's role or grid scope; its sessions end (the token carries them).");

        accounts.MapPost("/{username}/invitation", async (string username, IGrainFactory grains, AccountSessions sessions, AuditLog audit,
            IOptions<AuthOptions> options, TimeProvider clock, HttpContext http) =>
        {
            var directory = grains.GetGrain<IAccountDirectoryGrain>("accounts");
            if (await directory.Find(username) is not { } account) return Unknown(username);
            if (account.Disabled)
                return Results.Problem(title: "Account disabled", statusCode: StatusCodes.Status409Conflict,
                    detail: $"{account.Username} is disabled; enable it before inviting it.");
            var (invited, invitation) = Invitations.Issue(account, clock.GetUtcNow(), options.Value.InvitationLifetime);
            await directory.Put([invited]);
            await sessions.Refresh();
            await audit.Record(http.User, account.State == AccountState.Invited ? "account.invite" : "account.reset", "account:" + account.Username,
                account.State.ToString().ToLowerInvariant(), "invited until " + invitation.ExpiresAt.ToString("O"));
            return Results.Ok(View(invitation));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("A new one-time invitation for the account (a reset): its old password stops working and every session of it ends.");

        foreach (var (verb, disable) in new[] { ("disable", true), ("enable", false) })
        {
            accounts.MapPost("/{username}/" + verb, async (string username, IGrainFactory grains, AccountSessions sessions, AuditLog audit, HttpContext http) =>
            {
                var directory = grains.GetGrain<IAccountDirectoryGrain>("accounts");
                if (await directory.Find(username) is not { } account) return Unknown(username);
                if (disable && account.Username == http.User.Identity?.Name)
                    return Results.Problem(title: "Your own account", statusCode: StatusCodes.Status409Conflict,
                        detail: "An admin cannot disable its own account; another admin can.");
                if (account.Disabled == disable) return Results.Ok(View(account, null));
                var changed = disable ? account.EndingSessions() with { Disabled = true } : account with { Disabled = false };
                await directory.Put([changed]);
                await sessions.Refresh();
                await audit.Record(http.User, "account." + verb, "account:" + account.Username,
                    account.State.ToString().ToLowerInvariant(), changed.State.ToString().ToLowerInvariant());
                return Results.Ok(View(changed, null));
            })
            .NotGridScoped("admin only, and admins are never scoped")
            .WithSummary(disable ? "Disable an account: its next API call answers 401 and its live connections close, on every node within seconds."
                                 : "Enable a disabled account: it signs in again with its password.");
        }

        admin.MapGet("/lockouts", async (IGrainFactory grains) =>
                Results.Ok((await grains.GetGrain<ILockoutBoardGrain>("city").Current()).Select(l => new LockoutView(l.Key, l.Value))))
            .NotGridScoped("admin only, and admins are never scoped")
            .WithSummary("The accounts locked now after too many failed sign-ins, and until when.");

        admin.MapDelete("/lockouts/{username}", async (string username, IGrainFactory grains, AuditLog audit, HttpContext http) =>
        {
            var key = username.Trim().ToLowerInvariant();
            if (!(await grains.GetGrain<ILockoutBoardGrain>("city").Current()).ContainsKey(key))
                return Results.Problem(title: "Not locked", detail: $"{username} is not locked now.", statusCode: StatusCodes.Status404NotFound);
            await grains.GetGrain<ISignInGuardGrain>(key).Lift();
            await audit.Record(http.User, "account.unlock", "account:" + key, "locked", "unlocked");
            return Results.NoContent();
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("Lift a lockout: the account may sign in at once.");
    }

    public static AccountView View(Account a, IReadOnlyDictionary<string, DateTimeOffset>? locked) => new(
        a.Username, a.Role, a.MemberId, a.GridScope, a.State.ToString().ToLowerInvariant(),
        a.State == AccountState.Invited ? a.InvitationExpiresAt : null,
        locked?.GetValueOrDefault(a.Username.ToLowerInvariant()) is { } until && until != default ? until : null);

    public static InvitationView View(Invitations.Issued i) => new(i.Code, i.Link, i.ExpiresAt);

    private static async Task<string?> Scope(Fields fields, GridDirectory grids, string role, string? requested)
    {
        var scope = string.IsNullOrWhiteSpace(requested) ? null : requested.Trim();
        if (scope is null) return null;
        if (role == Roles.Admin)
        {
            fields.Add("gridScope", "Admins work for the whole city: leave gridScope empty.");
            return null;
        }
        if ((await grids.Current())?.Hierarchy.Find(scope) is null) fields.Add("gridScope", $"\"{scope}\" is not a grid of the city.");
        return scope;
    }

    private static IResult Unknown(string username) =>
        Results.Problem(title: "Unknown account", detail: $"No account is named \"{username}\".", statusCode: StatusCodes.Status404NotFound);

    [GeneratedRegex("^[A-Za-z0-9._-]{3,32}$")]
    private static partial Regex UsernamePattern();
}
