namespace CommandCenter.Grains.Intake;

/// <summary>
/// One caller's Idempotency-Key (keyed by a hash of caller and key). It remembers the request it first
/// came with, reserves that request's case number, and keeps the answer, so a retried submission gets
/// the same case and a different request under the same key is refused. Calls are serialized by the
/// grain: two submissions racing with one key get one case number between them.
/// </summary>
public interface IIdempotencyKeyGrain : IGrainWithStringKey
{
    /// <summary>
    /// First sight of the key: remembers the fingerprint and reserves a case number from the series
    /// (e.g. "JY-20261124"). Later sights: the stored answer; in progress while the first attempt may
    /// still be running; the same reserved number once that attempt is presumed dead; or a mismatch.
    /// </summary>
    Task<IdempotencyClaim> Claim(string fingerprint, string caseSeries);

    /// <summary>Keeps the answer of the first attempt that finished and gives back the one kept.</summary>
    Task<IntakeAnswer> Complete(IntakeAnswer answer);
}

public enum ClaimOutcome
{
    /// <summary>Open the incident under <see cref="IdempotencyClaim.CaseNumber"/> (<see cref="IdempotencyClaim.Resumed"/>: taking over a dead attempt).</summary>
    Proceed,
    /// <summary>Another attempt with this key is running: ask again shortly.</summary>
    InProgress,
    /// <summary>Answer <see cref="IdempotencyClaim.Answer"/> again.</summary>
    Replay,
    /// <summary>The key was used with another request (422).</summary>
    Mismatch,
}

[GenerateSerializer, Alias("IdempotencyClaim")]
public sealed record IdempotencyClaim(
    [property: Id(0)] ClaimOutcome Outcome,
    [property: Id(1)] string? CaseNumber = null,
    [property: Id(2)] IntakeAnswer? Answer = null,
    [property: Id(3)] bool Resumed = false);

/// <summary>An answer as it went over the wire, so a replay is the same status and the same bytes.</summary>
[GenerateSerializer, Alias("IntakeAnswer")]
public sealed record IntakeAnswer(
    [property: Id(0)] int Status,
    [property: Id(1)] string ContentType,
    [property: Id(2)] string Body,
    [property: Id(3)] string? Location = null);
