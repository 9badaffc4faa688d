using CommandCenter.Access;
using CommandCenter.Admin;
using CommandCenter.Grains.Accounts;
using CommandCenter.Http;

namespace CommandCenter.Auth;

/// <summary>A person sets its password from an invitation, and changes it later; the strength rule is <see cref="PasswordRule"/>.</summary>
public static class PasswordEndpoints
{
    public sealed record OpenInvitation(string Username, DateTimeOffset ExpiresAt);

    public sealed record AcceptInvitation(string? Code, string? Password);

    public sealed record ChangePassword(string? CurrentPassword, string? NewPassword);

    public static void MapPasswordEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/auth/invitation", async (string? code, IGrainFactory grains, TimeProvider clock) =>
        {
            if (string.IsNullOrWhiteSpace(code)) return Problems.Field("code", "Give the invitation's code.");
            var account = await grains.GetGrain<IAccountDirectoryGrain>("accounts").FindByInvitation(Invitations.HashOf(code));
            return account is not null && Invitations.IsOpen(account, clock.GetUtcNow())
                ? Results.Ok(new OpenInvitation(account.Username, account.InvitationExpiresAt!.Value))
                : Closed();
        })
        .AllowAnonymous()
        .NotGridScoped("an invitation names only its own account, to whoever holds its code")
        .RequireRateLimiting(RateLimits.SignIn)
        .WithTags("Sign-in")
        .WithSummary("Whose invitation a code is, and until when it is open; 404 when it is unknown, used or expired.");

        app.MapPost("/api/auth/invitation", async (AcceptInvitation? body, IGrainFactory grains, AccountSessions sessions, AuditLog audit, TimeProvider clock, HttpContext http) =>
        {
            if (string.IsNullOrWhiteSpace(body?.Code)) return Problems.Field("code", "Give the invitation's code.");
            var directory = grains.GetGrain<IAccountDirectoryGrain>("accounts");
            var account = await directory.FindByInvitation(Invitations.HashOf(body.Code));
            if (account is null || !Invitations.IsOpen(account, clock.GetUtcNow())) return Closed();
            if (PasswordRule.Problem(body.Password, account.Username) is { } problem) return Problems.Field("password", problem);
            await directory.Put([account.EndingSessions() with { PasswordHash = TokenIssuer.Hash(body.Password!), InvitationHash = null, InvitationExpiresAt = null }]);
            await sessions.Refresh();
            await audit.Record(audit.Entry(account.Username, "account.password-set", "account:" + account.Username, null, "from an invitation"));
            return Results.NoContent();
        })
        .AllowAnonymous()
        .NotGridScoped("sets the password of the invitation's own account")
        .RequireRateLimiting(RateLimits.SignIn)
        .WithTags("Sign-in")
        .WithSummary("Set one's password from an invitation (one time). The password must pass the strength rule (400 naming password).");

        app.MapPost("/api/auth/password", async (ChangePassword? body, IGrainFactory grains, TokenIssuer issuer, AccountSessions sessions, AuditLog audit, HttpContext http) =>
        {
            var fields = new Fields();
            if (string.IsNullOrEmpty(body?.CurrentPassword)) fields.Add("currentPassword", "Give the current password.");
            if (fields.Any) return fields.Result();
            var directory = grains.GetGrain<IAccountDirectoryGrain>("accounts");
            var username = http.User.Identity?.Name ?? "";
            if (await directory.Find(username) is not { } account || !issuer.Verifies(account, body!.CurrentPassword!))
                return Problems.Field("currentPassword", "The current password is wrong.");
            if (PasswordRule.Problem(body.NewPassword, account.Username) is { } problem) return Problems.Field("newPassword", problem);
            // Every session of the account ends, this one too: the page signs in again with the new password.
            await directory.Put([account.EndingSessions() with { PasswordHash = TokenIssuer.Hash(body.NewPassword!) }]);
            await sessions.Refresh();
            await audit.Record(http.User, "account.password-change", "account:" + account.Username, null, "by its person");
            return Results.NoContent();
        })
        .NotGridScoped("changes the signed-in account's own password")
        .RequireRateLimiting(RateLimits.SignIn)
        .WithTags("Sign-in")
        .WithSummary("Change one's own password: the current one, then a new one that passes the strength rule. Every session of the account ends (sign in again with the new one).");
    }

    private static IResult Closed() => Results.Problem(title: "No open invitation",
        detail: "This invitation is unknown, used or expired; ask an administrator for a new one.", statusCode: StatusCodes.Status404NotFound);
}
