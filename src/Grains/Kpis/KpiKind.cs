namespace CommandCenter.Grains.Kpis;

/// <summary>The indicators supervisors score teams by. docs/kpis.md gives each one's numerator and denominator.</summary>
public enum KpiKind
{
    /// <summary>按时立案率: located to a grid by the grid step's deadline.</summary>
    GriddedOnTime,
    /// <summary>准确派遣率: dispatches the member did not return.</summary>
    AccurateDispatch,
    /// <summary>按期处置率: results reported by the handling deadline.</summary>
    HandledOnTime,
    /// <summary>按期结案率: closed with every step by its deadline.</summary>
    ClosedOnTime,
    /// <summary>返工率: verifications that failed and sent the work back.</summary>
    Rework,
    /// <summary>延期率: closed incidents that had an approved extension.</summary>
    Extension,
    /// <summary>平均处置时长: working hours from the start of handling to the reported result.</summary>
    HandlingTime,
    /// <summary>满意率: answered return visits with satisfaction 4 or 5.</summary>
    Satisfaction,
    /// <summary>督办: supervision actions on incidents.</summary>
    Supervision,
}
