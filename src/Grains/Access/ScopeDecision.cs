namespace CommandCenter.Grains.Access;

public enum ScopeVerdict
{
    /// <summary>Asked about what the asker may see: answer as asked.</summary>
    Allow,
    /// <summary>Asked about no grid in particular: answer for the asker's own subtree (<see cref="ScopeDecision.GridId"/>).</summary>
    Narrow,
    /// <summary>Asked about something outside the asker's reach: refuse, saying why.</summary>
    Refuse,
}

/// <summary>What the grid-scope rule answers: allow, narrow to a subtree, or refuse with a reason a person can act on.</summary>
public sealed record ScopeDecision(ScopeVerdict Verdict, string? GridId, string? Reason)
{
    public bool Refused => Verdict == ScopeVerdict.Refuse;

    public static ScopeDecision Allow(string? gridId = null) => new(ScopeVerdict.Allow, gridId, null);
    public static ScopeDecision Narrow(string gridId) => new(ScopeVerdict.Narrow, gridId, null);
    public static ScopeDecision Refuse(string reason) => new(ScopeVerdict.Refuse, null, reason);
}
