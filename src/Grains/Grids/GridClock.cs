namespace CommandCenter.Grains.Grids;

/// <summary>
/// When each open incident of one grid next needs its SLA clock looked at (<see cref="Incidents.IncidentSummary.NextWakeAt"/>),
/// earliest first. The grid holds this instead of every incident holding a timer and a reminder of its own, so an
/// incident with nothing to do can leave memory: an entry here is a few dozen bytes against kilobytes for an
/// activation with its timer and reminder.
/// </summary>
public sealed class GridClock
{
    private readonly Dictionary<string, DateTimeOffset> wakeOf = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset At, string Id)> queue = new(Comparer<(DateTimeOffset At, string Id)>.Create(
        static (a, b) => a.At != b.At ? a.At.CompareTo(b.At) : string.CompareOrdinal(a.Id, b.Id)));

    /// <summary>How many incidents have a wake pending.</summary>
    public int Count => wakeOf.Count;

    /// <summary>The earliest pending wake, or null when none is.</summary>
    public DateTimeOffset? Next => queue.Count == 0 ? null : queue.Min.At;

    /// <summary>Sets (or with null clears) when this incident next needs a look.</summary>
    public void Set(string incidentId, DateTimeOffset? at)
    {
        if (wakeOf.Remove(incidentId, out var previous)) queue.Remove((previous, incidentId));
        if (at is not { } instant) return;
        wakeOf[incidentId] = instant;
        queue.Add((instant, incidentId));
    }

    public DateTimeOffset? WakeOf(string incidentId) => wakeOf.TryGetValue(incidentId, out var at) ? at : null;

    /// <summary>
    /// The incidents due at <paramref name="now"/>, each moved to <paramref name="retryAt"/>: the incident answers a wake by
    /// telling the grid its next instant, which replaces that; one whose wake got lost (its node went down) is tried again then.
    /// </summary>
    public IReadOnlyList<string> TakeDue(DateTimeOffset now, DateTimeOffset retryAt)
    {
        if (retryAt <= now) throw new ArgumentOutOfRangeException(nameof(retryAt), "The retry must come after now.");
        List<string>? due = null;
        while (queue.Count > 0 && queue.Min.At <= now)
        {
            var id = queue.Min.Id;
            (due ??= []).Add(id);
            Set(id, retryAt);
        }
        return due ?? (IReadOnlyList<string>)[];
    }
}
