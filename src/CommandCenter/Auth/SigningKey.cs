using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace CommandCenter.Auth;

/// <summary>
/// The JWT signing key: from configuration when given, else generated once and kept in the data
/// directory (readable by the owner only), so tokens survive a restart and the key is never committed.
/// </summary>
public static class SigningKey
{
    public static SymmetricSecurityKey Load(AuthOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
            return new SymmetricSecurityKey(Convert.FromBase64String(options.SigningKey));

        var path = Path.Combine(dataDirectory, "secrets", "jwt-signing.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            var temp = path + ".tmp";
            File.WriteAllText(temp, fresh);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, path, overwrite: false);
        }
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}
