namespace CommandCenter.Grains.Catalogue;

/// <summary>How soon an incident must be dealt with; urgent work gets shorter limits.</summary>
public enum Priority
{
    Urgent,
    High,
    Normal,
    Low,
}
