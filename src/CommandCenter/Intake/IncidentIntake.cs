using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Intake;
using CommandCenter.Incidents;

namespace CommandCenter.Intake;

/// <summary>What came of a submission: an answer (fresh or replayed), a key reused for another request, or a refusal.</summary>
public abstract record IntakeOutcome
{
    public sealed record Answered(IntakeAnswer Answer, bool Replayed) : IntakeOutcome
    {
        public IResult Result() => new IntakeAnswerResult(Answer, Replayed);
    }

    public sealed record KeyReused(string Field) : IntakeOutcome;

    public sealed record Refused(LifecycleRejection Rejection) : IntakeOutcome;
}

/// <summary>
/// Opens an incident for any channel, honouring an Idempotency-Key: a retried submission gets the
/// answer of the first, and even a retry racing the first (or following a crash) opens nothing new,
/// because the key reserves the case number before the incident is opened.
/// </summary>
public sealed class IncidentIntake(IGrainFactory grains, IncidentDesk desk)
{
    /// <summary>Opens the incident; <paramref name="answer"/> words the reply from the case number and the state reached.</summary>
    public async Task<IntakeOutcome> Open(IncidentReport report, GridPlacement? placement, Actor actor, IdempotencyKey? key,
        Func<string, IncidentStatus, IntakeAnswer> answer)
    {
        if (key is null) return await OpenNew(await desk.NextCaseNumber(), report, placement, actor, answer, null);

        var remembered = grains.GetGrain<IIdempotencyKeyGrain>(key.GrainKey);
        var claim = await remembered.Claim(key.Fingerprint, desk.CaseSeries());
        return claim.Outcome switch
        {
            ClaimOutcome.Replay => new IntakeOutcome.Answered(claim.Answer!, Replayed: true),
            ClaimOutcome.Mismatch => new IntakeOutcome.KeyReused(key.Field),
            _ => await OpenNew(claim.CaseNumber!, report, placement, actor, answer, remembered),
        };
    }

    private async Task<IntakeOutcome> OpenNew(string id, IncidentReport report, GridPlacement? placement, Actor actor,
        Func<string, IncidentStatus, IntakeAnswer> answer, IIdempotencyKeyGrain? remembered)
    {
        var incident = grains.GetGrain<IIncidentGrain>(id);
        var outcome = await incident.Open(report, placement, actor);
        IncidentStatus reached;
        if (outcome.Accepted) reached = outcome.Events[^1].To;
        // The reserved number is taken: an earlier attempt under this key opened it and did not get to keep its answer.
        else if (remembered is not null && await incident.GetState() is { } earlier) reached = earlier.Status;
        else return new IntakeOutcome.Refused(outcome.Rejection!);

        var fresh = answer(id, reached);
        return remembered is null
            ? new IntakeOutcome.Answered(fresh, Replayed: false)
            : new IntakeOutcome.Answered(await remembered.Complete(fresh), Replayed: false);
    }
}
