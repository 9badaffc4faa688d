namespace CommandCenter.Grains.Setup;

/// <summary>One administrative change: who made it, when, to what, and the subject before and after (short JSON or words).</summary>
[GenerateSerializer, Alias("AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Action,
    [property: Id(3)] string Subject,
    [property: Id(4)] string? Before,
    [property: Id(5)] string? After);

/// <summary>
/// The city's audit trail of administrative changes (one grain, key "city"): settings, grids, roster, accounts,
/// categories, policy. Appended before the change is answered as done; never edited. Admin changes are few
/// (tens a day), so one grain's state holds years of them.
/// </summary>
public interface IAuditTrailGrain : IGrainWithStringKey
{
    Task Append(IReadOnlyList<AuditEntry> entries);

    /// <summary>Newest first; <paramref name="subject"/> matches the subject's start (e.g. "account:" or "category:E0102").</summary>
    Task<IReadOnlyList<AuditEntry>> List(string? subject, DateTimeOffset? from, DateTimeOffset? to, int limit);
}

[GenerateSerializer, Alias("AuditTrailState")]
public sealed class AuditTrailState
{
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];
}

public sealed class AuditTrailGrain([PersistentState("audit")] IPersistentState<AuditTrailState> trail) : Grain, IAuditTrailGrain
{
    public async Task Append(IReadOnlyList<AuditEntry> entries)
    {
        if (entries.Count == 0) return;
        trail.State.Entries.AddRange(entries);
        await trail.WriteStateAsync();
    }

    public Task<IReadOnlyList<AuditEntry>> List(string? subject, DateTimeOffset? from, DateTimeOffset? to, int limit) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(trail.State.Entries
            .Where(e => (subject is null || e.Subject.StartsWith(subject, StringComparison.OrdinalIgnoreCase))
                        && (from is null || e.At >= from) && (to is null || e.At < to))
            .Reverse().Take(limit).ToList());
}
