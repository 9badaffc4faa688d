using System.Collections.Concurrent;

namespace CommandCenter.Intake;

/// <summary>
/// Signatures already accepted, each remembered until its timestamp leaves the freshness window (after
/// that the timestamp check refuses it anyway). In memory, per process: a restart forgets them, and
/// with several nodes a replay sent to another node within the window is not caught here. An
/// Idempotency-Key or an externalId still keeps such a replay from opening a second case.
/// </summary>
public sealed class SignatureReplayGuard
{
    private const int PruneEvery = 1_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private int additions;

    /// <summary>True the first time a signature is seen (and remembers it until <paramref name="forgetAfter"/>); false for a replay.</summary>
    public bool FirstSight(string signature, DateTimeOffset forgetAfter, DateTimeOffset now)
    {
        if (seen.TryGetValue(signature, out var until) && until >= now) return false;
        if (!seen.TryAdd(signature, forgetAfter) && !seen.TryUpdate(signature, forgetAfter, until)) return false;
        if (Interlocked.Increment(ref additions) % PruneEvery == 0) Prune(now);
        return true;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (signature, until) in seen)
            if (until < now) seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(signature, until));
    }
}
