using System.Security.Cryptography;
using CommandCenter.Storage;
using Microsoft.IdentityModel.Tokens;

namespace CommandCenter.Auth;

/// <summary>
/// The JWT signing key: from configuration when given, else generated once and kept where the storage
/// profile keeps secrets (the data directory, owner-only; or Redis or PostgreSQL, shared by every node), so tokens
/// survive a restart, work on any node, and the key is never committed.
/// </summary>
public static class TokenSigning
{
    public static SymmetricSecurityKey Load(AuthOptions options, ISharedValues secrets)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
            return new SymmetricSecurityKey(Convert.FromBase64String(options.SigningKey));
        var stored = secrets.GetOrCreate("jwt-signing.key", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        return new SymmetricSecurityKey(Convert.FromBase64String(stored));
    }
}
