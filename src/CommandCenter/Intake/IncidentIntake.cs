using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Intake;
using CommandCenter.Incidents;

namespace CommandCenter.Intake;

/// <summary>Where a submission landed: a case of its own, or (<see cref="Duplicate"/>) the open case it was linked to.</summary>
public sealed record Opened(string Id, IncidentStatus Reached, bool Duplicate, string? LinkId);

/// <summary>What came of a submission: an answer (fresh or replayed), a key reused for another request, a key still busy, or a refusal.</summary>
public abstract record IntakeOutcome
{
    public sealed record Answered(IntakeAnswer Answer, bool Replayed) : IntakeOutcome
    {
        public IResult Result() => new IntakeAnswerResult(Answer, Replayed);
    }

    public sealed record KeyReused(string Field) : IntakeOutcome;

    public sealed record KeyBusy(string Field) : IntakeOutcome;

    public sealed record Refused(LifecycleRejection Rejection) : IntakeOutcome;
}

/// <summary>
/// Takes a report in for any channel through the desk (duplicate check, case number, auto-dispatch),
/// honouring an Idempotency-Key: a retry gets the first answer; a retry racing the first waits for it;
/// a retry after the first attempt died takes over the case number the key reserved, so it opens
/// that case or finds it opened, never a second one.
/// </summary>
public sealed class IncidentIntake(IGrainFactory grains, IncidentDesk desk)
{
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    /// <summary>Takes the report in; <paramref name="answer"/> words the reply, which is kept for replays.</summary>
    /// <param name="sameAs">An open case the reporter's words were named the same as (the call form's "this is the same case").</param>
    public async Task<IntakeOutcome> Open(IncidentReport report, GridPlacement? placement, Actor actor, IdempotencyKey? key,
        Func<Opened, IntakeAnswer> answer, string? sameAs = null)
    {
        if (key is null)
        {
            var fresh = await desk.Open(report, placement, actor, sameAs: sameAs);
            if (fresh.Outcome.Accepted) Telemetry.CenterMetrics.Reported(report.Channel, fresh.Duplicate);
            return fresh.Outcome.Accepted ? new IntakeOutcome.Answered(answer(OpenedOf(fresh)), Replayed: false) : new IntakeOutcome.Refused(fresh.Outcome.Rejection!);
        }

        var remembered = grains.GetGrain<IIdempotencyKeyGrain>(key.GrainKey);
        var waited = TimeSpan.Zero;
        while (true)
        {
            var claim = await remembered.Claim(key.Fingerprint, desk.CaseSeries());
            switch (claim.Outcome)
            {
                case ClaimOutcome.Replay:
                    return new IntakeOutcome.Answered(claim.Answer!, Replayed: true);
                case ClaimOutcome.Mismatch:
                    return new IntakeOutcome.KeyReused(key.Field);
                case ClaimOutcome.Proceed:
                    return await OpenReserved(claim.CaseNumber!, claim.Resumed, report, placement, actor, answer, remembered, sameAs);
            }
            if (waited >= MaxWait) return new IntakeOutcome.KeyBusy(key.Field);
            await Task.Delay(WaitStep);
            waited += WaitStep;
        }
    }

    private async Task<IntakeOutcome> OpenReserved(string caseNumber, bool resumed, IncidentReport report, GridPlacement? placement, Actor actor,
        Func<Opened, IntakeAnswer> answer, IIdempotencyKeyGrain remembered, string? sameAs)
    {
        // Taking over a dead attempt: it may have opened the reserved case already, so no duplicate check
        // (it would link the report to that very case). It may also have linked the report to another
        // case and died before its answer was kept; that crash window can leave one extra case.
        var taken = await desk.Open(report, placement, actor, checkDuplicates: !resumed, caseNumber, sameAs);
        Opened opened;
        if (taken.Outcome.Accepted) Telemetry.CenterMetrics.Reported(report.Channel, taken.Duplicate);
        if (taken.Outcome.Accepted) opened = OpenedOf(taken);
        else if (await grains.GetGrain<IIncidentGrain>(caseNumber).GetState() is { } earlier) opened = new Opened(caseNumber, earlier.Status, false, null);
        else return new IntakeOutcome.Refused(taken.Outcome.Rejection!);
        return new IntakeOutcome.Answered(await remembered.Complete(answer(opened)), Replayed: false);
    }

    private static Opened OpenedOf(Incidents.Intake taken)
    {
        var last = taken.Outcome.Events[^1];
        return new Opened(taken.Id, last.To, taken.Duplicate, taken.Duplicate ? last.LinkId : null);
    }
}
