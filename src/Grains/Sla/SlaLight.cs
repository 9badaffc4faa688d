namespace CommandCenter.Grains.Sla;

/// <summary>The traffic light an operator sees on a deadline.</summary>
public enum SlaLight
{
    /// <summary>Before the warning instant.</summary>
    Green,
    /// <summary>From the warning instant (by default 80 % of the limit) until the deadline.</summary>
    Yellow,
    /// <summary>From the deadline on: breached.</summary>
    Red,
}
