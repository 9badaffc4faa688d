using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CommandCenter.Open311;

/// <summary>Recognises the api_key of an Open311 client without telling, by timing, how close a wrong key came.</summary>
public sealed class Open311Clients(IOptionsMonitor<Open311Options> options)
{
    /// <summary>The key's name, "key" + its place in Open311:ApiKeys ("key0", …), or null when it is not one of ours.</summary>
    public string? NameOf(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey)) return null;
        // Hashing first makes every comparison the same length; every configured key is compared.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        string? name = null;
        var keys = options.CurrentValue.ApiKeys;
        for (var i = 0; i < keys.Length; i++)
        {
            if (string.IsNullOrEmpty(keys[i])) continue;
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(keys[i])), given)) name ??= $"key{i}";
        }
        return name;
    }
}
