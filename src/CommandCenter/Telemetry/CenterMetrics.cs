using System.Diagnostics;
using System.Diagnostics.Metrics;
using CommandCenter.Grains.Incidents;

namespace CommandCenter.Telemetry;

/// <summary>
/// The center's own meter: every domain instrument, its name and its tags, in one place (docs/operations.md
/// lists them). Callers add one line where the fact happens. The meter is static so storage code without a
/// service provider can record; OpenTelemetry picks it up by <see cref="MeterName"/>.
/// </summary>
public static class CenterMetrics
{
    public const string MeterName = "CommandCenter";

    public const string Reports = "commandcenter.reports";
    public const string Transitions = "commandcenter.transitions";
    public const string SlaWarnings = "commandcenter.sla.warnings";
    public const string SlaBreaches = "commandcenter.sla.breaches";
    public const string PushDuration = "commandcenter.push.duration";
    public const string PushBatchSize = "commandcenter.push.batch.size";
    public const string OpenCases = "commandcenter.cases.open";
    public const string LedgerCommitDuration = "commandcenter.ledger.commit.duration";
    public const string LedgerCommitSize = "commandcenter.ledger.commit.size";
    public const string GroupCommitSize = "commandcenter.sqlite.group_commit.size";
    public const string PatrolPings = "commandcenter.patrol.pings";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> ReportCount = Meter.CreateCounter<long>(Reports, "{report}",
        "Reports taken in (opened a case or joined one as a duplicate), by channel.");
    private static readonly Counter<long> TransitionCount = Meter.CreateCounter<long>(Transitions, "{event}",
        "Incident events written durably to the ledger, by action.");
    private static readonly Counter<long> WarningCount = Meter.CreateCounter<long>(SlaWarnings, "{warning}",
        "SLA warnings (yellow) the clock raised, by step.");
    private static readonly Counter<long> BreachCount = Meter.CreateCounter<long>(SlaBreaches, "{breach}",
        "SLA breaches (red, escalated one rung) the clock raised, by step.");
    private static readonly Histogram<double> PushTime = Meter.CreateHistogram<double>(PushDuration, "s",
        "Time to hand one feed batch to SignalR (and its backplane), by channel kind.");
    private static readonly Histogram<long> PushSize = Meter.CreateHistogram<long>(PushBatchSize, "{change}",
        "Changes in one feed batch (incidents, alerts, positions, notices), by channel kind.");
    private static readonly Histogram<double> CommitTime = Meter.CreateHistogram<double>(LedgerCommitDuration, "s",
        "Time from an append's call until its events are durable (waiting for a group commit included), by store.");
    private static readonly Histogram<long> CommitSize = Meter.CreateHistogram<long>(LedgerCommitSize, "{event}",
        "Events one ledger append wrote in one durable commit, by store.");
    private static readonly Histogram<long> GroupCommit = Meter.CreateHistogram<long>(GroupCommitSize, "{write}",
        "Writes that shared one SQLite transaction and fsync (ledger appends, grain state, tracks), by file.");
    private static readonly Counter<long> PingCount = Meter.CreateCounter<long>(PatrolPings, "{ping}",
        "Location pings members sent, by outcome (kept or refused).");

    /// <summary>Creates the open-cases gauge on a meter a host owns (the callback reads that host's ledger).</summary>
    public static ObservableGauge<long> OpenCasesGauge(Meter meter, Func<IEnumerable<Measurement<long>>> observe) =>
        meter.CreateObservableGauge(OpenCases, observe, "{case}", "Open cases by the SLA light they show now (green, yellow, red, none).");

    public static void Reported(string channel, bool duplicate) =>
        ReportCount.Add(1, new("channel", channel), new("duplicate", duplicate));

    /// <summary>A ledger append became durable: its events are transitions, and the clock's warnings and breaches among them.</summary>
    public static void Committed(string store, IReadOnlyList<IncidentEvent> events, TimeSpan took)
    {
        CommitTime.Record(took.TotalSeconds, new KeyValuePair<string, object?>("store", store));
        CommitSize.Record(events.Count, new KeyValuePair<string, object?>("store", store));
        foreach (var e in events)
        {
            TransitionCount.Add(1, new KeyValuePair<string, object?>("action", IncidentActionWords.Word(e.Action)));
            var step = new KeyValuePair<string, object?>("step", e.Step?.ToString().ToLowerInvariant() ?? "none");
            if (e.Action == IncidentAction.Warn) WarningCount.Add(1, step);
            else if (e.Action == IncidentAction.Escalate) BreachCount.Add(1, step);
        }
    }

    public static void Pushed(string channelKind, int changes, TimeSpan took)
    {
        var kind = new KeyValuePair<string, object?>("channel.kind", channelKind);
        PushTime.Record(took.TotalSeconds, kind);
        PushSize.Record(changes, kind);
    }

    public static void GroupCommitted(string file, int writes) =>
        GroupCommit.Record(writes, new KeyValuePair<string, object?>("file", file));

    public static void Pinged(int kept, int refused)
    {
        if (kept > 0) PingCount.Add(kept, new KeyValuePair<string, object?>("outcome", "kept"));
        if (refused > 0) PingCount.Add(refused, new KeyValuePair<string, object?>("outcome", "refused"));
    }

    /// <summary>Elapsed time since a <see cref="Stopwatch.GetTimestamp"/>, for the one-line calls above.</summary>
    public static TimeSpan Since(long started) => Stopwatch.GetElapsedTime(started);
}
