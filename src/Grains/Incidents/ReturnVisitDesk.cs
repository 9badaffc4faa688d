namespace CommandCenter.Grains.Incidents;

/// <summary>
/// 回访台: the operator's return-visit desk. Waiting are the verified incidents (their visit's deadline
/// runs), the one due soonest first; unanswered are the visits the clock closed with nobody reached
/// (<see cref="ReturnVisit.IsClosedByClock"/>), the latest close first. The endpoints ask these, and the
/// queries here, so what counts as waiting or unanswered is decided once.
/// </summary>
public static class ReturnVisitDesk
{
    /// <summary>The most incidents a desk list reads at once.</summary>
    public const int MaxItems = 5_000;
    /// <summary>The unanswered list's default window: the last 30 days.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    public static bool IsWaiting(IncidentSummary s) => s.Status == IncidentStatus.Verified;

    /// <summary>The query for the waiting visits in a subtree (null: the city).</summary>
    public static IncidentQuery WaitingQuery(string? gridId, DateTimeOffset now) =>
        new(gridId, IncidentStatus.Verified, null, null, null, now, 0, MaxItems);

    /// <summary>The query for the visits the clock closed unanswered in [from, to).</summary>
    public static IncidentQuery UnansweredQuery(string? gridId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now) =>
        new(gridId, null, null, null, null, now, 0, MaxItems) { VisitClosedFrom = from, VisitClosedTo = to };

    /// <summary>Waiting visits, the soonest due first (then the oldest case).</summary>
    public static IReadOnlyList<IncidentSummary> Waiting(IEnumerable<IncidentSummary> summaries) =>
        summaries.Where(IsWaiting).OrderBy(s => s.DueAt ?? DateTimeOffset.MaxValue).ThenBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();

    /// <summary>Visits closed unanswered in [from, to), the latest close first.</summary>
    public static IReadOnlyList<IncidentSummary> Unanswered(IEnumerable<IncidentSummary> summaries, DateTimeOffset from, DateTimeOffset to) =>
        summaries.Where(s => s.VisitClosedAt is { } at && at >= from && at < to)
            .OrderByDescending(s => s.VisitClosedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
}
