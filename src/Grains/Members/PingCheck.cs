using CommandCenter.Grains.Geography;

namespace CommandCenter.Grains.Members;

/// <summary>A ping that was refused, with its position in the batch and why.</summary>
[GenerateSerializer, Alias("RefusedPing")]
public sealed record RefusedPing([property: Id(0)] int Index, [property: Id(1)] Fix Ping, [property: Id(2)] string Reason);

/// <summary>The answer to a batch: which pings were kept and why the others were refused.</summary>
[GenerateSerializer, Alias("PingReport")]
public sealed record PingReport(
    [property: Id(0)] IReadOnlyList<int> Kept,
    [property: Id(1)] IReadOnlyList<RefusedPing> Refused,
    [property: Id(2)] Fix? LastLocation);

/// <summary>
/// Decides which pings of a batch to keep. Good pings are kept even when others in the same batch
/// are bad; each bad one gets a reason a phone app can log.
/// </summary>
public static class PingCheck
{
    /// <summary>Faster than this between two fixes is a teleport (GPS jump or spoofing), not a worker.</summary>
    public const double MaxSpeedMetresPerSecond = 55; // ≈ 200 km/h
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    public static (List<Fix> Kept, PingReport Report) Check(IReadOnlyList<Fix> pings, Fix? last, DateTimeOffset now)
    {
        var kept = new List<Fix>();
        var keptIndexes = new List<int>();
        var refused = new List<RefusedPing>();
        var previous = last;
        foreach (var (ping, index) in pings.Select((p, i) => (p, i)).OrderBy(x => x.p.At).ThenBy(x => x.i))
        {
            var reason = Refusal(ping, previous, now);
            if (reason is not null)
            {
                refused.Add(new RefusedPing(index, ping, reason));
                continue;
            }
            kept.Add(ping);
            keptIndexes.Add(index);
            previous = ping;
        }
        keptIndexes.Sort();
        refused.Sort((a, b) => a.Index.CompareTo(b.Index));
        return (kept, new PingReport(keptIndexes, refused, previous));
    }

    private static string? Refusal(Fix ping, Fix? previous, DateTimeOffset now)
    {
        if (!GeoDistance.IsValidPosition(ping.Lat, ping.Lon))
            return "Coordinates out of range: lat must be within ±90 and lon within ±180.";
        if (ping.At > now + AllowedClockSkew)
            return $"Timestamp {ping.At:O} is in the future (server time {now:O}).";
        if (ping.At < now - MaxAge)
            return $"Timestamp {ping.At:O} is more than {MaxAge.TotalHours:0} hours old.";
        if (previous is null) return null;
        if (ping.At <= previous.At)
            return $"Timestamp {ping.At:O} is not after the last kept position at {previous.At:O}.";
        var metres = GeoDistance.Metres(previous.Lat, previous.Lon, ping.Lat, ping.Lon);
        var speed = metres / (ping.At - previous.At).TotalSeconds;
        return speed > MaxSpeedMetresPerSecond
            ? $"Moved {metres:0} m in {(ping.At - previous.At).TotalSeconds:0.#} s ({speed * 3.6:0} km/h): faster than {MaxSpeedMetresPerSecond * 3.6:0} km/h is not believable."
            : null;
    }
}
