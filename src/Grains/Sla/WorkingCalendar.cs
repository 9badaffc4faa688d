namespace CommandCenter.Grains.Sla;

/// <summary>
/// When the city works (工作时): office periods on working days in the city's time zone, minus
/// public holidays, plus the weekend days worked to make up for them (调休). Instants go in and
/// come out in UTC; local time exists only inside, to find where each day's office periods fall.
/// </summary>
/// <remarks>
/// Every day's periods are converted to UTC on their own, so a day that is 23 or 25 hours long
/// (daylight saving) counts what the clocks on the wall actually showed. The methods step a day at a
/// time and take whole periods at once, so 200 working hours cost about forty days of arithmetic.
/// </remarks>
public sealed class WorkingCalendar
{
    /// <summary>08:30–12:00 and 13:30–17:30: the lunch break is not working time.</summary>
    public static IReadOnlyList<(TimeOnly From, TimeOnly To)> DefaultOfficeHours { get; } =
        [(new TimeOnly(8, 30), new TimeOnly(12, 0)), (new TimeOnly(13, 30), new TimeOnly(17, 30))];

    public static IReadOnlyList<DayOfWeek> DefaultWorkingDays { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private readonly (TimeOnly From, TimeOnly To)[] _officeHours;
    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkdays;

    /// <param name="timeZoneId">An IANA id (tz database name), e.g. "Europe/Paris".</param>
    public WorkingCalendar(
        string timeZoneId,
        IEnumerable<(TimeOnly From, TimeOnly To)>? officeHours = null,
        IEnumerable<DayOfWeek>? workingDays = null,
        IEnumerable<DateOnly>? holidays = null,
        IEnumerable<DateOnly>? makeUpWorkdays = null)
        : this(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), officeHours, workingDays, holidays, makeUpWorkdays)
    {
    }

    public WorkingCalendar(
        TimeZoneInfo timeZone,
        IEnumerable<(TimeOnly From, TimeOnly To)>? officeHours = null,
        IEnumerable<DayOfWeek>? workingDays = null,
        IEnumerable<DateOnly>? holidays = null,
        IEnumerable<DateOnly>? makeUpWorkdays = null)
    {
        TimeZone = timeZone ?? throw new ArgumentNullException(nameof(timeZone));
        _officeHours = [.. (officeHours ?? DefaultOfficeHours).OrderBy(p => p.From)];
        _workingDays = [.. workingDays ?? DefaultWorkingDays];
        _holidays = [.. holidays ?? []];
        _makeUpWorkdays = [.. makeUpWorkdays ?? []];

        // Without at least one period on a recurring day, adding working time would never end.
        if (_officeHours.Length == 0)
            throw new ArgumentException("A working calendar needs at least one office period.", nameof(officeHours));
        if (_workingDays.Count == 0)
            throw new ArgumentException("A working calendar needs at least one working weekday.", nameof(workingDays));
        for (var i = 0; i < _officeHours.Length; i++)
        {
            var (from, to) = _officeHours[i];
            if (from >= to)
                throw new ArgumentException($"Office period {from:HH\\:mm}–{to:HH\\:mm} does not end after it starts.", nameof(officeHours));
            if (i > 0 && from < _officeHours[i - 1].To)
                throw new ArgumentException(
                    $"Office periods {_officeHours[i - 1].From:HH\\:mm}–{_officeHours[i - 1].To:HH\\:mm} and {from:HH\\:mm}–{to:HH\\:mm} overlap.",
                    nameof(officeHours));
        }
        var both = _holidays.Intersect(_makeUpWorkdays).OrderBy(d => d).ToList();
        if (both.Count > 0)
            throw new ArgumentException($"{both[0]:yyyy-MM-dd} is both a holiday and a make-up workday.", nameof(makeUpWorkdays));
    }

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyList<(TimeOnly From, TimeOnly To)> OfficeHours => _officeHours;

    public IReadOnlySet<DayOfWeek> WorkingDays => _workingDays;

    public IReadOnlySet<DateOnly> Holidays => _holidays;

    public IReadOnlySet<DateOnly> MakeUpWorkdays => _makeUpWorkdays;

    /// <summary>A make-up day is worked even on a weekend; a holiday is not worked even on a weekday.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        _makeUpWorkdays.Contains(date) || (!_holidays.Contains(date) && _workingDays.Contains(date.DayOfWeek));

    /// <summary>
    /// The instant at which <paramref name="work"/> of working time has passed since <paramref name="start"/>.
    /// Outside office hours the count begins at the next office period. When the work runs out exactly at
    /// the end of a period, the answer is that end (12:00), not the start of the next one (13:30).
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan work)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(work, TimeSpan.Zero);
        if (work == TimeSpan.Zero)
            return start;

        var remaining = work;
        // Start a day early: with unusual zones a period of the previous local day can still be running.
        for (var day = LocalDate(start).AddDays(-1); ; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
                continue;
            var previousEnd = DateTimeOffset.MinValue;
            foreach (var (periodStart, periodEnd) in _officeHours)
            {
                var (from, to) = UtcPeriod(day, periodStart, periodEnd, ref previousEnd);
                if (to <= start)
                    continue;
                if (from < start)
                    from = start;
                var available = to - from;
                if (remaining <= available)
                    return (from + remaining).ToUniversalTime();
                remaining -= available;
            }
        }
    }

    /// <summary>How much working time lies between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
            return TimeSpan.Zero;

        var total = TimeSpan.Zero;
        var last = LocalDate(to);
        for (var day = LocalDate(from).AddDays(-1); day <= last; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
                continue;
            var previousEnd = DateTimeOffset.MinValue;
            foreach (var (periodStart, periodEnd) in _officeHours)
            {
                var (start, end) = UtcPeriod(day, periodStart, periodEnd, ref previousEnd);
                if (start < from)
                    start = from;
                if (end > to)
                    end = to;
                if (end > start)
                    total += end - start;
            }
        }
        return total;
    }

    /// <summary>Whether the clock of working time runs at this instant (period starts count, period ends do not).</summary>
    public bool IsWorkingInstant(DateTimeOffset t)
    {
        var today = LocalDate(t);
        for (var day = today.AddDays(-1); day <= today; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
                continue;
            var previousEnd = DateTimeOffset.MinValue;
            foreach (var (periodStart, periodEnd) in _officeHours)
            {
                var (start, end) = UtcPeriod(day, periodStart, periodEnd, ref previousEnd);
                if (start <= t && t < end)
                    return true;
            }
        }
        return false;
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>
    /// One office period of one local day as UTC instants. A period never starts before the previous one
    /// ended, which only matters when a clock change falls inside office hours.
    /// </summary>
    private (DateTimeOffset Start, DateTimeOffset End) UtcPeriod(DateOnly day, TimeOnly from, TimeOnly to, ref DateTimeOffset previousEnd)
    {
        var start = ToUtc(day.ToDateTime(from), late: false);
        var end = ToUtc(day.ToDateTime(to), late: true);
        if (start < previousEnd)
            start = previousEnd;
        if (end < start)
            end = start;
        previousEnd = end;
        return (start, end);
    }

    /// <summary>
    /// A local wall-clock reading as a UTC instant. A reading the clocks skipped (spring forward) is read
    /// with the offset in force before the jump, so it lands just after the jump. A reading that happens
    /// twice (fall back) is the first occurrence for a period's start and the second for its end, so the
    /// period covers all the time the wall clock showed it.
    /// </summary>
    private DateTimeOffset ToUtc(DateTime local, bool late)
    {
        TimeSpan offset;
        if (TimeZone.IsAmbiguousTime(local))
        {
            var offsets = TimeZone.GetAmbiguousTimeOffsets(local);
            offset = late ? offsets.Min() : offsets.Max();
        }
        else if (TimeZone.IsInvalidTime(local))
        {
            offset = TimeZone.GetUtcOffset(local.AddHours(-12));
        }
        else
        {
            offset = TimeZone.GetUtcOffset(local);
        }
        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }
}
