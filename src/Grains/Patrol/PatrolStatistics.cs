using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Members;

namespace CommandCenter.Grains.Patrol;

/// <summary>One stretch of continuous patrol: from its first to its last counted instant, and the distance walked in it.</summary>
[GenerateSerializer, Alias("PatrolSegment")]
public sealed record PatrolSegment([property: Id(0)] DateTimeOffset From, [property: Id(1)] DateTimeOffset To, [property: Id(2)] double DistanceMetres)
{
    public TimeSpan Duration => To - From;
}

/// <summary>A day's (or any window's) patrol from the track: 巡查里程 and 巡查时长, and the grids walked through.</summary>
[GenerateSerializer, Alias("PatrolSummary")]
public sealed record PatrolSummary(
    [property: Id(0)] double DistanceMetres,
    [property: Id(1)] TimeSpan PatrolTime,
    [property: Id(2)] IReadOnlyList<PatrolSegment> Segments,
    [property: Id(3)] IReadOnlyList<string> GridsCovered,
    [property: Id(4)] int FixesKept,
    [property: Id(5)] int FixesDropped)
{
    public static PatrolSummary Empty { get; } = new(0, TimeSpan.Zero, [], [], 0, 0);
}

/// <summary>A member's patrol on one of the city's days: the day, its UTC window, and the summary of its fixes.</summary>
[GenerateSerializer, Alias("PatrolDayTotals")]
public sealed record PatrolDayTotals(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] PatrolSummary Summary)
{
    /// <summary>A range of days added up: distance, patrol time, and the days with any patrol time or distance.</summary>
    public static (double DistanceMetres, TimeSpan PatrolTime, int DaysOnPatrol) Total(IEnumerable<PatrolDayTotals> days)
    {
        double metres = 0;
        var time = TimeSpan.Zero;
        var onPatrol = 0;
        foreach (var day in days)
        {
            metres += day.Summary.DistanceMetres;
            time += day.Summary.PatrolTime;
            if (day.Summary.DistanceMetres > 0 || day.Summary.PatrolTime > TimeSpan.Zero) onPatrol++;
        }
        return (metres, time, onPatrol);
    }
}

/// <summary>
/// 巡查里程 and 巡查时长 from a member's fixes (time-ordered lat/lon/at), under <see cref="PatrolFilter"/>:
/// <list type="number">
/// <item><b>Jumps are dropped.</b> A fix whose implied speed from the last kept fix is above
/// <see cref="PatrolFilter.MaxSpeedKmh"/> is dropped, and the next fix is compared with the last kept one again, so a GPS
/// outlier that goes out and comes back costs nothing. A fix at or before the last kept instant is dropped too.</item>
/// <item><b>Gaps end a segment.</b> When the next fix comes more than <see cref="PatrolFilter.MaxPause"/> after the last
/// kept one (the phone slept, or every fix in between was a jump: a ride), the segment ends at the last kept fix and a
/// new one starts at the next; neither the time nor the distance across the gap is patrol.</item>
/// <item><b>Two fixes that agree with each other but not with the last kept one relocate.</b> The member really is
/// there (it rode, or the last kept fix was the outlier): the segment ends, a new one starts at the first of the two,
/// and the move between is not patrol.</item>
/// <item><b>Standing still is not distance.</b> Distance is the great-circle length between <i>anchors</i>: a fix
/// becomes the next anchor when it lies more than <see cref="PatrolFilter.StillRadiusMetres"/> from where the member
/// stands (the mean of the fixes since the last anchor), and the length from the last anchor through that mean to it
/// is added. A standing phone's jitter stays inside the radius and adds nothing; a walk adds its chords, so a bend
/// costs at most a few metres. At a segment's end the stretch from the last anchor to the mean is added.</item>
/// <item><b>A long stop is not patrol time.</b> A stay inside the radius longer than <see cref="PatrolFilter.MaxPause"/>
/// is cut out of the segments: the walk into the stop ends when the member, at the pace of its last counted move, would
/// have covered the stretch from the anchor to where it stood, and the walk out starts that long before the fix that
/// left the radius (for its stretch from where it stood), so the radius costs no time on either side.
/// A shorter stop (looking at something) stays patrol time.</item>
/// </list>
/// Patrol time is the sum of the segments' durations. Grids covered are the grids of the kept fixes, in the order
/// first walked into (the caller locates them: the rule stays pure). Time counts only between kept fixes at most a pause
/// apart (a lone fix is no patrol).
/// </summary>
public static class PatrolStatistics
{
    public static PatrolSummary Summarise(IReadOnlyList<Fix> fixes, PatrolFilter filter, Func<Fix, string?>? gridOf = null)
    {
        var segments = new List<PatrolSegment>();
        var grids = new List<string>();
        var seenGrids = new HashSet<string>(StringComparer.Ordinal);
        var kept = 0;
        var dropped = 0;

        Fix? last = null;           // the last kept fix
        Fix? jumped = null;         // the last dropped fix, while no fix has been kept since
        Fix anchor = null!;         // where the last counted move ended
        double meanLat = 0, meanLon = 0;
        var stillCount = 0;         // fixes averaged into the mean since the anchor (the anchor included)
        DateTimeOffset segmentFrom = default;
        double segmentMetres = 0;
        double pace = 0;            // metres per second of the last counted move (0: none yet in this segment)

        // How long walking this far took at the last pace (none known: no time).
        TimeSpan Walking(double metres, TimeSpan atMost) =>
            pace > 0 ? TimeSpan.FromSeconds(Math.Min(metres / pace, atMost.TotalSeconds)) : TimeSpan.Zero;

        double FromAnchorThroughStay(Fix to) => stillCount > 1
            ? GeoDistance.Metres(anchor.Lat, anchor.Lon, meanLat, meanLon) + GeoDistance.Metres(meanLat, meanLon, to.Lat, to.Lon)
            : GeoDistance.Metres(anchor.Lat, anchor.Lon, to.Lat, to.Lon);

        // Ends the segment. At the end of the track or before a gap the member stood (or walked on a little) where the
        // fixes since the anchor average out: that last stretch is walked too.
        DateTimeOffset Close(bool walkedToStay)
        {
            if (last is null) return default;
            var toStay = stillCount > 1 ? GeoDistance.Metres(anchor.Lat, anchor.Lon, meanLat, meanLon) : 0;
            var end = last.At - anchor.At > filter.MaxPause ? anchor.At + Walking(toStay, last.At - anchor.At) : last.At;
            if (walkedToStay) segmentMetres += toStay;
            if (end > segmentFrom || segmentMetres > 0) segments.Add(new PatrolSegment(segmentFrom, end, segmentMetres));
            return end;
        }

        void Start(Fix fix)
        {
            anchor = fix;
            (meanLat, meanLon, stillCount) = (fix.Lat, fix.Lon, 1);
            segmentFrom = fix.At;
            segmentMetres = 0;
            pace = 0;
        }

        void Keep(Fix fix)
        {
            last = fix;
            jumped = null;
            kept++;
            if (gridOf?.Invoke(fix) is { } grid && seenGrids.Add(grid)) grids.Add(grid);
        }

        bool TooFast(Fix from, Fix to) =>
            GeoDistance.Metres(from.Lat, from.Lon, to.Lat, to.Lon) / (to.At - from.At).TotalSeconds > filter.MaxSpeedMetresPerSecond;

        foreach (var fix in fixes)
        {
            if (last is null) { Start(fix); Keep(fix); continue; }
            if (fix.At <= last.At) { dropped++; continue; }
            if (fix.At - last.At > filter.MaxPause)
            {
                Close(walkedToStay: true);
                Start(fix);
                Keep(fix);
                continue;
            }
            if (TooFast(last, fix))
            {
                if (jumped is null || fix.At - jumped.At > filter.MaxPause || TooFast(jumped, fix))
                {
                    dropped++;
                    jumped = fix;
                    continue;
                }
                // Two fixes in a row agree with each other and not with the last kept one: the member is really there now
                // (it rode, or the last kept fix was the outlier). The move is not patrol: a new segment starts at the first.
                Close(walkedToStay: true);
                Start(jumped);
                dropped--;
                Keep(jumped);
            }

            if (GeoDistance.Metres(meanLat, meanLon, fix.Lat, fix.Lon) > filter.StillRadiusMetres)
            {
                var hop = FromAnchorThroughStay(fix);
                if (last!.At - anchor.At > filter.MaxPause)
                {
                    // The member stood still longer than a pause and now walks on: the stop is cut out of patrol time.
                    var stopFrom = Close(walkedToStay: false);
                    var outOfStay = GeoDistance.Metres(meanLat, meanLon, fix.Lat, fix.Lon);
                    segmentFrom = fix.At - Walking(outOfStay, fix.At - stopFrom);
                    segmentMetres = 0;
                }
                else pace = hop / (fix.At - anchor.At).TotalSeconds;
                segmentMetres += hop;
                anchor = fix;
                (meanLat, meanLon, stillCount) = (fix.Lat, fix.Lon, 1);
            }
            else
            {
                stillCount++;
                meanLat += (fix.Lat - meanLat) / stillCount;
                meanLon += (fix.Lon - meanLon) / stillCount;
            }
            Keep(fix);
        }
        Close(walkedToStay: true);

        var distance = segments.Sum(s => s.DistanceMetres);
        var time = segments.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
        return new PatrolSummary(distance, time, segments, grids, kept, dropped);
    }
}
