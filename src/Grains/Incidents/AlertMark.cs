namespace CommandCenter.Grains.Incidents;

/// <summary>
/// An incident's SLA alert as it stands: the deadline it is about (its place in the incident's deadline history)
/// and how far that deadline went: 0 no alert, 1 warned (yellow), 2 breached (red). An acknowledgement holds while
/// the mark stays the same.
/// </summary>
public readonly record struct AlertMark(int Deadline, int Level)
{
    public bool Raised => Level > 0;
}
