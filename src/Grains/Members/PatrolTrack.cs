namespace CommandCenter.Grains.Members;

/// <summary>
/// A member's recent positions, bounded: at most <see cref="MaxPointsPerDay"/> per UTC day and
/// <see cref="DaysKept"/> days. When a day is full the track is thinned (every other point dropped)
/// rather than cut, so the whole day's route stays drawable.
/// </summary>
[GenerateSerializer, Alias("PatrolTrack")]
public sealed class PatrolTrack
{
    public const int MaxPointsPerDay = 4_000;
    public const int DaysKept = 7;

    [Id(0)] public SortedDictionary<DateOnly, List<Fix>> Days { get; set; } = new();

    public void Add(IEnumerable<Fix> fixes)
    {
        foreach (var fix in fixes)
        {
            var day = DateOnly.FromDateTime(fix.At.UtcDateTime);
            if (!Days.TryGetValue(day, out var points)) Days[day] = points = new List<Fix>();
            points.Add(fix);
            if (points.Count > MaxPointsPerDay) Thin(points);
        }
        while (Days.Count > DaysKept) Days.Remove(Days.Keys.First());
    }

    public IEnumerable<Fix> Between(DateTimeOffset from, DateTimeOffset to) =>
        Days.Values.SelectMany(p => p).Where(f => f.At >= from && f.At <= to).OrderBy(f => f.At);

    private static void Thin(List<Fix> points)
    {
        var last = points[^1];
        var kept = points.Where((_, i) => i % 2 == 0).ToList();
        if (kept[^1] != last) kept.Add(last);
        points.Clear();
        points.AddRange(kept);
    }
}
