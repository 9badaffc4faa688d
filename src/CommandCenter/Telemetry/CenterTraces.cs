using System.Diagnostics;
using CommandCenter.Grains.Incidents;

namespace CommandCenter.Telemetry;

/// <summary>
/// The center's own spans. A report's trace runs HTTP → grain calls (Orleans' activity propagation) → the
/// ledger append here, so a slow answer shows whether the time went to the grain or to the durable write.
/// </summary>
public static class CenterTraces
{
    public const string SourceName = "CommandCenter";
    public const string LedgerAppendName = "ledger append";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span around one ledger append (null when nobody listens): which incident, how many events, where.</summary>
    public static Activity? LedgerAppend(string store, IReadOnlyList<IncidentEvent> events)
    {
        var span = Source.StartActivity(LedgerAppendName, ActivityKind.Internal);
        if (span is null) return null;
        span.SetTag("incident.id", events[0].IncidentId);
        span.SetTag("incident.sequence", events[0].Sequence);
        span.SetTag("ledger.events", events.Count);
        span.SetTag("ledger.store", store);
        return span;
    }
}
