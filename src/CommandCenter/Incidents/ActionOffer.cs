using CommandCenter.Grains.Incidents;

namespace CommandCenter.Incidents;

/// <summary>A field of an offered action, for the page to build its form: kind, words, prompt and limits.</summary>
public sealed record ActionFieldView(
    string Name, string Kind, bool Required, string Chinese, string English, string Prompt,
    string? RequiredWhen, int? MaxLength, int? Min, int? Max, string? Limit);

/// <summary>
/// An action the signed-in person may take now, with its words and the fields it asks for; <see cref="After"/> is what the
/// same member may do once it has succeeded (for an action without required fields, one level deep; empty otherwise),
/// so a phone that queued it offline shows the next step without deciding the rules itself. (Not "then": a JSON
/// object with a then member is taken for a promise by JavaScript code that awaits it.)
/// </summary>
public sealed record ActionOffer(string Action, string Chinese, string English, IReadOnlyList<ActionFieldView> Fields, IReadOnlyList<ActionOffer> After)
{
    /// <summary>What this person may do on the incident now, in the table's order (without what follows).</summary>
    public static IReadOnlyList<ActionOffer> For(IncidentState state, Actor viewer) => Offers(state, viewer, _ => []);

    /// <summary>
    /// What this person may do now, and after each action that asks for no required field, what it may do next: the
    /// lifecycle decides the action as if taken at <paramref name="now"/> and the offers are read from the state it leads to.
    /// A refused decision, or no rules to decide with (a category gone from the catalogue), leaves it empty; so does a
    /// viewer who is not a member (desks work online: only the phones of 一长五员 queue actions).
    /// </summary>
    public static IReadOnlyList<ActionOffer> For(IncidentState state, IReadOnlyList<IncidentEvent> events, Actor viewer, DateTimeOffset now, SlaRules? rules) =>
        Offers(state, viewer, rule =>
        {
            if (rules is null || viewer.MemberId is null || rule.FieldsAt(state).Any(f => f.Required)) return [];
            var outcome = IncidentLifecycle.Decide(state, new IncidentCommand(rule.Action), viewer, now, rules);
            return outcome.Accepted ? For(IncidentState.Fold(events.Concat(outcome.Events)), viewer) : [];
        });

    private static IReadOnlyList<ActionOffer> Offers(IncidentState state, Actor viewer, Func<ActionRule, IReadOnlyList<ActionOffer>> after) =>
        IncidentActions.AllowedFor(state, viewer).Select(r => new ActionOffer(r.Word, r.Chinese, r.English,
            r.FieldsAt(state).Select(f => new ActionFieldView(
                f.Name, f.Kind.ToString().ToLowerInvariant(), f.Required, f.Chinese, f.English, f.Prompt,
                f.RequiredWhen, f.MaxLength, f.Min, f.Max, f.Limit)).ToList(), after(r))).ToList();
}
