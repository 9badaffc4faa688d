namespace CommandCenter.Grains.Sla;

/// <summary>
/// The period of the reminder that backs up an incident's SLA timer (setting Sla:ReminderPeriod). When
/// the node holding an incident dies, a surviving node fires the reminder within one period, the
/// incident comes back there and handles whatever fell due. Orleans refuses periods below its
/// Cluster:Reminders:MinimumReminderPeriod (1 minute unless set lower).
/// </summary>
public sealed class SlaReminderOptions
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromMinutes(1);

    public TimeSpan Period { get; init; } = DefaultPeriod;
}
