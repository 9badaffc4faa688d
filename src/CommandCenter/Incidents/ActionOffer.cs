using CommandCenter.Grains.Incidents;

namespace CommandCenter.Incidents;

/// <summary>A field of an offered action, for the page to build its form: kind, words, prompt and limits.</summary>
public sealed record ActionFieldView(
    string Name, string Kind, bool Required, string Chinese, string English, string Prompt,
    string? RequiredWhen, int? MaxLength, int? Min, int? Max, string? Limit);

/// <summary>An action the signed-in person may take now, with its words and the fields it asks for.</summary>
public sealed record ActionOffer(string Action, string Chinese, string English, IReadOnlyList<ActionFieldView> Fields)
{
    /// <summary>What this person may do on the incident now, in the table's order.</summary>
    public static IReadOnlyList<ActionOffer> For(IncidentState state, Actor viewer) =>
        IncidentActions.AllowedFor(state, viewer).Select(r => new ActionOffer(r.Word, r.Chinese, r.English,
            r.FieldsAt(state).Select(f => new ActionFieldView(
                f.Name, f.Kind.ToString().ToLowerInvariant(), f.Required, f.Chinese, f.English, f.Prompt,
                f.RequiredWhen, f.MaxLength, f.Min, f.Max, f.Limit)).ToList())).ToList();
}
