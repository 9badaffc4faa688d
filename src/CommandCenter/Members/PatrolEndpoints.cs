using System.Globalization;
using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Grains.Members;
using CommandCenter.Grains.Patrol;
using CommandCenter.Grains.Sla;
using CommandCenter.Http;

namespace CommandCenter.Members;

/// <summary>巡查里程 and 巡查时长: a member's patrol per city day, from its track (rule: PatrolStatistics, docs/patrol.md).</summary>
public static class PatrolEndpoints
{
    /// <summary>One city day of a member's patrol.</summary>
    public sealed record PatrolDayView(
        string MemberId, string Date, DateTimeOffset From, DateTimeOffset To, double DistanceMetres, long PatrolSeconds,
        int Segments, IReadOnlyList<string> GridsCovered, int FixesKept, int FixesDropped)
    {
        public static PatrolDayView Of(string memberId, PatrolDayTotals day) => new(
            memberId, Word(day.Day), day.From, day.To, Math.Round(day.Summary.DistanceMetres, 1), (long)Math.Round(day.Summary.PatrolTime.TotalSeconds),
            day.Summary.Segments.Count, day.Summary.GridsCovered, day.Summary.FixesKept, day.Summary.FixesDropped);
    }

    /// <summary>A range of city days, each day and the totals; <c>keptSince</c> is the first instant whose fixes are still kept.</summary>
    public sealed record PatrolRangeView(
        string MemberId, string From, string To, double DistanceMetres, long PatrolSeconds, int DaysOnPatrol, DateTimeOffset KeptSince,
        IReadOnlyList<PatrolDayView> Days);

    /// <summary>A range covers at most a quarter (92 days): a quarterly assessment in one call.</summary>
    public const int MaxDays = 92;

    public static void MapPatrolEndpoints(this RouteGroupBuilder members)
    {
        members.MapGet("/{id}/patrol", async (string id, string? date, string? from, string? to, ClaimsPrincipal user, IGrainFactory grains, ScopeGate gate,
            SlaPolicy policy, TrackRetention retention, TimeProvider clock) =>
        {
            if (await gate.Member(user, id) is { Refused: true } outside) return ScopeGate.Refusal(user, outside);
            var fields = new Fields();
            var day = Day(fields, "date", date);
            var first = Day(fields, "from", from);
            var last = Day(fields, "to", to);
            if (date is not null && (from is not null || to is not null)) fields.Add("date", "Give either date (one day) or from and to (a range), not both.");
            else if (from is not null && to is null) fields.Add("to", "A range needs to as well as from (days written yyyy-MM-dd).");
            else if (to is not null && from is null) fields.Add("from", "A range needs from as well as to (days written yyyy-MM-dd).");
            if (first is { } f && last is { } l)
            {
                if (l < f) fields.Add("to", "to must not be before from.");
                else if (l.DayNumber - f.DayNumber + 1 > MaxDays) fields.Add("to", $"A range may span at most {MaxDays} days.");
            }
            if (fields.Any) return fields.Result();

            var member = grains.GetGrain<IMemberGrain>(id);
            if (first is null)
            {
                var one = day ?? PatrolDay.Of(clock.GetUtcNow(), policy.Calendar.TimeZone);
                var days = await member.GetPatrol(one, one);
                return days is null ? Problems.UnknownMember(id) : Results.Ok(PatrolDayView.Of(id, days[0]));
            }
            var range = await member.GetPatrol(first.Value, last!.Value);
            if (range is null) return Problems.UnknownMember(id);
            var (metres, time, onPatrol) = PatrolDayTotals.Total(range);
            return Results.Ok(new PatrolRangeView(id, Word(first.Value), Word(last.Value), Math.Round(metres, 1), (long)Math.Round(time.TotalSeconds), onPatrol,
                retention.KeptSince(clock.GetUtcNow()), range.Select(d => PatrolDayView.Of(id, d)).ToList()));
        })
        .GridScoped(ScopeEffect.Refuses, "the member: staff by its home grid, a worker only itself")
        .WithSummary("A member's patrol (巡查里程, 巡查时长) per city day from its track: ?date=yyyy-MM-dd (default today in the city's zone) " +
                     $"for one day, or ?from=&to= for every day of a range (at most {MaxDays} days). Jumps and standing still are filtered out: docs/patrol.md.");
    }

    public static string Word(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A day written yyyy-MM-dd between 1970 and 2200, or what is wrong with it.</summary>
    private static DateOnly? Day(Fields fields, string field, string? text)
    {
        if (text is null) return null;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            fields.Add(field, $"{field} must be a day written yyyy-MM-dd, not \"{(text.Length > 40 ? text[..40] + "…" : text)}\".");
            return null;
        }
        if (day.Year < InputDates.Earliest.Year || day.Year >= InputDates.Latest.Year)
        {
            fields.Add(field, $"{field} must lie between {InputDates.Earliest:yyyy-MM-dd} and {InputDates.Latest:yyyy-MM-dd}.");
            return null;
        }
        return day;
    }
}
