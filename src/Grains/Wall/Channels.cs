namespace CommandCenter.Grains.Wall;

/// <summary>Names of push channels.</summary>
public static class Channels
{
    public static string Scope(string gridId) => "scope:" + gridId;
    public static string Member(string memberId) => "member:" + memberId;

    public static bool IsScope(string channel, out string gridId) => Strip(channel, "scope:", out gridId);
    public static bool IsMember(string channel, out string memberId) => Strip(channel, "member:", out memberId);

    private static bool Strip(string channel, string prefix, out string rest)
    {
        rest = channel.StartsWith(prefix, StringComparison.Ordinal) ? channel[prefix.Length..] : "";
        return rest.Length > 0;
    }
}
