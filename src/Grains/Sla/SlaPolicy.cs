using CommandCenter.Grains.Catalogue;

namespace CommandCenter.Grains.Sla;

/// <summary>
/// How long each step of the closed loop may take, and the deadline arithmetic around it: warning,
/// breach, suspension (挂账, the clock stops) and extension (延期). Pure: instants go in as arguments.
/// </summary>
public sealed class SlaPolicy
{
    private readonly ILookup<SlaStep, SlaRule> _rulesByStep;

    internal SlaPolicy(double warnFraction, WorkingCalendar calendar, IReadOnlyList<SlaRule> rules)
    {
        WarnFraction = warnFraction;
        Calendar = calendar;
        Rules = rules;
        _rulesByStep = rules.ToLookup(r => r.Step);
    }

    /// <summary>How long an escalation notice may stay unread on its person's phone before it is sent again (default 10 minutes).</summary>
    public TimeSpan ResendUnreadAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The fraction of a limit after which the light turns yellow (default 0.8).</summary>
    public double WarnFraction { get; }

    public WorkingCalendar Calendar { get; }

    /// <summary>The rules in file order; order breaks ties between equally specific rules.</summary>
    public IReadOnlyList<SlaRule> Rules { get; }

    public static SlaPolicy Load(string path, CategoryCatalogue catalogue) =>
        SlaPolicyReader.Read(File.ReadAllText(path), catalogue, path);

    /// <exception cref="SlaPolicyException">The text is not a valid policy; the message names each bad entry.</exception>
    public static SlaPolicy Parse(string json, CategoryCatalogue catalogue) =>
        SlaPolicyReader.Read(json, catalogue, source: null);

    /// <summary>The limit of the most specific rule that matches; "category" rules give the category's handling limit.</summary>
    public SlaDuration LimitFor(Category category, Priority priority, SlaStep step, GridArea area)
    {
        SlaRule? best = null;
        foreach (var rule in _rulesByStep[step])
        {
            // Strictly greater: of equally specific rules the earlier one wins.
            if (rule.Matches(category, priority, area) && (best is null || rule.Specificity > best.Specificity))
                best = rule;
        }
        // Loading guarantees a fallback rule for every step, so best is never null here.
        return best!.Limit ?? category.HandlingLimit;
    }

    public SlaDeadline Start(SlaStep step, Category category, Priority priority, GridArea area, DateTimeOffset startedAt)
    {
        var limit = LimitFor(category, priority, step, area);
        var start = startedAt.ToUniversalTime();
        var due = Advance(start, limit.Amount, limit.Working);
        var warn = Advance(start, limit.Amount * WarnFraction, limit.Working);
        return new SlaDeadline(step, start, warn, due, due, limit);
    }

    /// <summary>
    /// 挂账 stopped the clock at <paramref name="suspendedAt"/>; it runs again from <paramref name="resumedAt"/>
    /// with the time that was left (clock or working time, as the limit counts). Instants that had already
    /// passed when the clock stopped stay where they were; the original deadline is kept.
    /// </summary>
    public SlaDeadline Resume(SlaDeadline deadline, DateTimeOffset suspendedAt, DateTimeOffset resumedAt)
    {
        if (resumedAt < suspendedAt)
            throw new ArgumentException($"Resumed at {resumedAt:O}, before it was suspended at {suspendedAt:O}.", nameof(resumedAt));
        if (suspendedAt < deadline.StartedAt)
            throw new ArgumentException($"Suspended at {suspendedAt:O}, before the step started at {deadline.StartedAt:O}.", nameof(suspendedAt));

        var working = deadline.Limit.Working;
        DateTimeOffset Carry(DateTimeOffset instant) =>
            instant <= suspendedAt ? instant : Advance(resumedAt.ToUniversalTime(), Elapsed(suspendedAt, instant, working), working);
        return deadline with { WarnAt = Carry(deadline.WarnAt), DueAt = Carry(deadline.DueAt) };
    }

    /// <summary>
    /// 延期: an approved later deadline. The warning moves to the same fraction of the new span from the
    /// step's start; the original deadline is kept.
    /// </summary>
    public SlaDeadline Extend(SlaDeadline deadline, DateTimeOffset newDueAt)
    {
        if (newDueAt <= deadline.DueAt)
            throw new ArgumentException($"An extension must end after the current deadline {deadline.DueAt:O}; {newDueAt:O} does not.", nameof(newDueAt));

        var working = deadline.Limit.Working;
        var span = Elapsed(deadline.StartedAt, newDueAt, working);
        var warn = Advance(deadline.StartedAt, span * WarnFraction, working);
        return deadline with { WarnAt = warn, DueAt = newDueAt.ToUniversalTime() };
    }

    private DateTimeOffset Advance(DateTimeOffset from, TimeSpan amount, bool working) =>
        working ? Calendar.AddWorkingTime(from, amount) : from + amount;

    private TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to, bool working) =>
        working ? Calendar.WorkingTimeBetween(from, to) : (to > from ? to - from : TimeSpan.Zero);
}
