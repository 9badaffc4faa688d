using CommandCenter.Grains.Incidents;

namespace CommandCenter.Grains.Intake;

[GenerateSerializer, Alias("IdempotencyKeyState")]
public sealed class IdempotencyKeyState
{
    /// <summary>Hash of the request first sent with the key; null while the key is unused.</summary>
    [Id(0)] public string? Fingerprint { get; set; }
    [Id(1)] public string? CaseNumber { get; set; }
    [Id(2)] public IntakeAnswer? Answer { get; set; }
    [Id(3)] public DateTimeOffset FirstSeenAt { get; set; }
    /// <summary>When the attempt now running started.</summary>
    [Id(4)] public DateTimeOffset ClaimedAt { get; set; }
}

public sealed class IdempotencyKeyGrain([PersistentState("idempotency-keys")] IPersistentState<IdempotencyKeyState> key, TimeProvider clock)
    : Grain, IIdempotencyKeyGrain
{
    /// <summary>
    /// How long a key is honoured. Past it the key counts as unused and its next use starts afresh.
    /// The stored row of a key never used again stays (a few hundred bytes); no sweep removes it yet.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an attempt without an answer counts as running. An intake takes milliseconds; past
    /// this the attempt is presumed dead (its process crashed) and the next one takes over its number.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    public async Task<IdempotencyClaim> Claim(string fingerprint, string caseSeries)
    {
        var now = clock.GetUtcNow();
        // An expired key is simply overwritten by its next use.
        if (key.State.Fingerprint is not null && now - key.State.FirstSeenAt >= Retention) key.State = new IdempotencyKeyState();
        if (key.State.Fingerprint is null)
        {
            // The case number is reserved and written with the key before any incident exists: a retry
            // after a crash opens the same number, so a key can never yield two incidents.
            var caseNumber = await GrainFactory.GetGrain<ICaseNumberGrain>(caseSeries).Next();
            key.State = new IdempotencyKeyState { Fingerprint = fingerprint, CaseNumber = caseNumber, FirstSeenAt = now, ClaimedAt = now };
            await key.WriteStateAsync();
            return new IdempotencyClaim(ClaimOutcome.Proceed, caseNumber);
        }
        if (!string.Equals(key.State.Fingerprint, fingerprint, StringComparison.Ordinal))
            return new IdempotencyClaim(ClaimOutcome.Mismatch);
        if (key.State.Answer is { } answer)
            return new IdempotencyClaim(ClaimOutcome.Replay, key.State.CaseNumber, answer);
        if (now - key.State.ClaimedAt < Lease)
            return new IdempotencyClaim(ClaimOutcome.InProgress, key.State.CaseNumber);
        key.State.ClaimedAt = now;
        await key.WriteStateAsync();
        return new IdempotencyClaim(ClaimOutcome.Proceed, key.State.CaseNumber, Resumed: true);
    }

    public async Task<IntakeAnswer> Complete(IntakeAnswer answer)
    {
        if (key.State.Answer is { } kept) return kept;
        key.State.Answer = answer;
        await key.WriteStateAsync();
        return answer;
    }
}
