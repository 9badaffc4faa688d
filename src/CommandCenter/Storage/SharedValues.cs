using StackExchange.Redis;

namespace CommandCenter.Storage;

/// <summary>
/// Secrets the center makes itself (the token signing key): created once, then the same for every
/// start and, in the Redis profile, for every node, so a token from one node is good on all.
/// </summary>
public interface ISharedValues
{
    string GetOrCreate(string name, Func<string> create);
}

/// <summary>The embedded profile keeps them as owner-only files under the data directory.</summary>
public sealed class FileSharedValues(string dataDirectory) : ISharedValues
{
    public string GetOrCreate(string name, Func<string> create)
    {
        var path = Path.Combine(dataDirectory, "secrets", name);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            File.WriteAllText(temp, create());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, path, overwrite: false);
        }
        return File.ReadAllText(path).Trim();
    }
}

/// <summary>The Redis profile keeps them in Redis: the first node to start sets it, the others read it (SET NX).</summary>
public sealed class RedisSharedValues(IConnectionMultiplexer redis, string prefix) : ISharedValues
{
    public string GetOrCreate(string name, Func<string> create)
    {
        var db = redis.GetDatabase();
        var key = (RedisKey)(prefix + ":secrets:" + name);
        db.StringSet(key, create(), when: When.NotExists);
        return db.StringGet(key).ToString();
    }
}
