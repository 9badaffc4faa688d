namespace CommandCenter.Grains.Sla;

/// <summary>
/// How an incident's light runs from its latest event until its next one, as the instants at which it
/// changes by itself: yellow from <see cref="YellowFrom"/>, red from <see cref="RedFrom"/>, none from
/// <see cref="NoneFrom"/> (null: not while this state lasts). Between events nothing but the clock moves
/// the light, so these three instants are all a store, a list or a page needs to answer "which light at t"
/// and "overdue at t" without knowing the rule that produced them (<see cref="SlaLightRule"/>).
/// Red never ends by itself (only an event ends it), so overdue is simply "red from <see cref="RedFrom"/>".
/// </summary>
[GenerateSerializer, Alias("SlaLightCourse")]
public sealed record SlaLightCourse(
    [property: Id(0)] DateTimeOffset? YellowFrom,
    [property: Id(1)] DateTimeOffset? RedFrom,
    [property: Id(2)] DateTimeOffset? NoneFrom)
{
    /// <summary>A light that does not move: what a stopped (suspended) clock shows, or none at all.</summary>
    public static SlaLightCourse Constant(SlaLight light, DateTimeOffset since) => light switch
    {
        SlaLight.Green => new(null, null, null),
        SlaLight.Yellow => new(since, null, null),
        SlaLight.Red => new(since, since, null),
        _ => new(null, null, since),
    };

    /// <summary>The light at <paramref name="at"/> (each instant belongs to the later colour).</summary>
    public SlaLight At(DateTimeOffset at) =>
        NoneFrom <= at ? SlaLight.None
        : RedFrom <= at ? SlaLight.Red
        : YellowFrom <= at ? SlaLight.Yellow
        : SlaLight.Green;

    /// <summary>Overdue: red at <paramref name="at"/>.</summary>
    public bool IsOverdueAt(DateTimeOffset at) => IsOverdueAt(RedFrom, NoneFrom, at);

    /// <summary>
    /// Overdue read off a course's two instants without making the course: a feed counts its overdue cases on every
    /// push, over every open case in its scope, and a course allocated per case per push was a tenth of a transition's
    /// allocations. Red, and not yet past the light's end.
    /// </summary>
    public static bool IsOverdueAt(DateTimeOffset? redFrom, DateTimeOffset? noneFrom, DateTimeOffset at) =>
        !(noneFrom <= at) && redFrom <= at;

    /// <summary>
    /// The most alarming light shown at any instant before <paramref name="end"/> (not at it: at the instant
    /// of the next event the next state's light is shown). None is never "worse" than a colour.
    /// </summary>
    public SlaLight WorstBefore(DateTimeOffset end)
    {
        bool Before(DateTimeOffset? from) => from < end && !(NoneFrom <= from);
        return Before(RedFrom) ? SlaLight.Red : Before(YellowFrom) ? SlaLight.Yellow : SlaLight.Green;
    }
}
