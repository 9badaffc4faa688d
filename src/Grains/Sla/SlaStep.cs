namespace CommandCenter.Grains.Sla;

/// <summary>The steps of the closed loop that run under a time limit, named by the work they time.</summary>
public enum SlaStep
{
    /// <summary>立案: Reported → Gridded.</summary>
    Grid,
    /// <summary>派遣: Gridded → Dispatched.</summary>
    Dispatch,
    /// <summary>接单: Dispatched → Handling.</summary>
    Accept,
    /// <summary>处置: Handling → Handled.</summary>
    Handle,
    /// <summary>核查: Handled → Verified.</summary>
    Verify,
    /// <summary>回访: Verified → Evaluated.</summary>
    Evaluate,
}
