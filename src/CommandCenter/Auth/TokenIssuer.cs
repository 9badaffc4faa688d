using CommandCenter.Grains.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CommandCenter.Auth;

/// <summary>Checks a password against the account directory and issues a bearer token.</summary>
public sealed class TokenIssuer(IGrainFactory grains, SymmetricSecurityKey key, IOptions<AuthOptions> options)
{
    private static readonly PasswordHasher<Account> Hasher = new();
    private readonly JsonWebTokenHandler handler = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public sealed record IssuedToken(string AccessToken, int ExpiresIn);

    /// <summary>A token, or why not: wrong credentials, locked until an instant after too many failures, or the account disabled.</summary>
    public sealed record SignInResult(IssuedToken? Token, DateTimeOffset? LockedUntil, bool Disabled = false);

    public async Task<SignInResult> SignIn(string username, string password)
    {
        var guard = grains.GetGrain<ISignInGuardGrain>(username.ToLowerInvariant());
        if (await guard.LockedUntil() is { } locked) return new SignInResult(null, locked);
        var account = await grains.GetGrain<IAccountDirectoryGrain>("accounts").Find(username);
        bool ok;
        // An invited account has no password yet: nothing signs in to it until its person sets one.
        if (account is null || account.PasswordHash.Length == 0)
        {
            // Spend the same effort as a real check so timing does not tell which usernames exist.
            Hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            ok = false;
        }
        else ok = Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (!ok)
        {
            await guard.RecordFailure();
            return new SignInResult(null, await guard.LockedUntil());
        }
        await guard.RecordSuccess();
        if (account!.Disabled) return new SignInResult(null, null, Disabled: true);
        return new SignInResult(Issue(account), null);
    }

    /// <summary>Whether <paramref name="password"/> is the account's (an invited account has none yet).</summary>
    public bool Verifies(Account account, string password) =>
        account.PasswordHash.Length > 0 && Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;

    public IssuedToken Issue(Account account)
    {
        // Real time, not the domain clock: tokens are checked against the wall clock.
        var now = DateTimeOffset.UtcNow;
        var lifetime = options.Value.TokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [Claims.Subject] = account.Username,
            [Claims.Role] = account.Role,
            [Claims.Sessions] = account.Sessions,
        };
        if (account.MemberId is not null) claims[Claims.MemberId] = account.MemberId;
        if (account.GridScope is not null) claims[Claims.GridScope] = account.GridScope;
        if (Roles.PowersOf(account.Role) is { Count: > 0 } powers) claims[Claims.Powers] = powers.ToArray();
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, (int)lifetime.TotalSeconds);
    }

    private static readonly Lazy<string> DummyHash = new(() => Hash(Guid.NewGuid().ToString()));
}
