namespace CommandCenter.Grains.Incidents;

/// <summary>
/// Where an incident stands. The nine steps of the closed loop, plus the side states Suspended
/// (挂账, clock stopped) and Cancelled (不予立案).
/// </summary>
public enum IncidentStatus
{
    /// <summary>1 天上有云: reported through a channel.</summary>
    Reported,
    /// <summary>2 地上有格: located to a grid, case filed (立案).</summary>
    Gridded,
    /// <summary>3 格中有人: assigned to a member (派遣).</summary>
    Dispatched,
    /// <summary>4 人能管事: the member accepted and is acting.</summary>
    Handling,
    /// <summary>4 人能管事: the member reported the result.</summary>
    Handled,
    /// <summary>5 管理有序: checked on site (核查).</summary>
    Verified,
    /// <summary>6 序后评估: return visit done (回访).</summary>
    Evaluated,
    /// <summary>7 评后考核: scored.</summary>
    Assessed,
    /// <summary>8 考核入档: score written into the dossiers.</summary>
    Filed,
    /// <summary>9 归档入云: sealed into the archive.</summary>
    Archived,
    Suspended,
    Cancelled,
}

public static class IncidentSteps
{
    /// <summary>The step (1–9) a status belongs to.</summary>
    public static int StepOf(IncidentStatus status) => status switch
    {
        IncidentStatus.Reported => 1,
        IncidentStatus.Gridded => 2,
        IncidentStatus.Dispatched => 3,
        IncidentStatus.Handling or IncidentStatus.Handled => 4,
        IncidentStatus.Verified => 5,
        IncidentStatus.Evaluated => 6,
        IncidentStatus.Assessed => 7,
        IncidentStatus.Filed => 8,
        IncidentStatus.Archived => 9,
        _ => 0,
    };

    public static bool IsOpen(IncidentStatus status) =>
        status is not (IncidentStatus.Evaluated or IncidentStatus.Assessed or IncidentStatus.Filed or IncidentStatus.Archived or IncidentStatus.Cancelled);

    public static string Word(IncidentStatus status) => status.ToString().ToLowerInvariant();
}
