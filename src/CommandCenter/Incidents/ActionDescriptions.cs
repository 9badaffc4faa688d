using CommandCenter.Grains.Incidents;

namespace CommandCenter.Incidents;

/// <summary>The OpenAPI description of the action endpoint, written from the action table.</summary>
public static class ActionDescriptions
{
    public static string Summary =>
        $"Take an action: {string.Join(", ", IncidentActionWords.PersonActions.Select(IncidentActionWords.Word))}.";

    public static string Markdown =>
        "An action not possible now answers 409 with the current state and the actions this caller may take now; " +
        "a caller who may not take it answers 403; a missing or wrong field answers 422 naming it. " +
        "With an `Idempotency-Key` header (1–255 printable ASCII characters) the action is taken at most once: the same person sending " +
        "the same action with the key again gets the first answer, and the key on another request answers 422 naming `Idempotency-Key`. " +
        "`GET /api/incidents/{id}` lists the actions the signed-in person may take now (`allowedActions`), with their fields.\n\n" +
        string.Join("\n", IncidentActions.All.Where(r => r.Kind != ActionKind.System).Select(Line));

    private static string Line(ActionRule rule)
    {
        var fields = rule.Fields.Count == 0 ? "no fields" : string.Join("; ", rule.Fields.Select(f => f.Summary));
        return $"- `{rule.Word}` {rule.Chinese} ({rule.English}): {rule.TakerWords}; {rule.WhenWords}. Fields: {fields}.";
    }
}
