using CommandCenter.Incidents;

namespace CommandCenter.Intake;

/// <summary>How the JSON intake endpoints word an <see cref="IntakeOutcome"/>.</summary>
public static class IntakeProblems
{
    public static IResult Of(IntakeOutcome outcome) => outcome switch
    {
        IntakeOutcome.Answered answered => answered.Result(),
        IntakeOutcome.KeyReused reused => KeyReused(reused.Field),
        IntakeOutcome.KeyBusy busy => KeyBusy(busy.Field),
        IntakeOutcome.Refused refused => IncidentEndpoints.Refused(refused.Rejection),
        _ => throw new InvalidOperationException($"Unexpected intake outcome {outcome}."),
    };

    public static string KeyReusedMessage(string field) =>
        $"This {field} was already used for a different request; use a new key for a new submission (keys are kept 24 hours).";

    public static string KeyBusyMessage(string field) => $"A request with this {field} is still being processed; retry in a few seconds.";

    public static IResult KeyBusy(string field) => Results.Problem(
        title: "The same request is still being processed.", detail: KeyBusyMessage(field), statusCode: StatusCodes.Status409Conflict);

    public static IResult KeyReused(string field) => Results.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [KeyReusedMessage(field)] },
        title: "The idempotency key was used for another request.", detail: $"{field}: {KeyReusedMessage(field)}",
        statusCode: StatusCodes.Status422UnprocessableEntity);
}
