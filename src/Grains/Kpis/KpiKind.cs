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
    /// <summary>按时派遣率: dispatches that ended the dispatch step by its deadline.</summary>
    DispatchedOnTime,
    /// <summary>按时核查率: verifications that ended the verification step by its deadline.</summary>
    VerifiedOnTime,
    /// <summary>结案率: cases whose handling deadline fell due, and whether they were closed.</summary>
    Closure,
    /// <summary>处置率: dispatched cases, and whether their result was reported.</summary>
    Handled,
    /// <summary>准确立案率: filed (located) cases neither cancelled nor returned afterwards.</summary>
    AccurateFiling,
    /// <summary>有效上报率: reports (new cases and duplicates linked to one) that became a case not cancelled.</summary>
    ValidReport,
}
