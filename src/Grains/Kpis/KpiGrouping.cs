namespace CommandCenter.Grains.Kpis;

/// <summary>How a KPI report breaks its scope down.</summary>
public enum KpiGrouping
{
    /// <summary>One row per child grid of the scope (each row its whole subtree); the scope itself when it has no children.</summary>
    Grid,
    /// <summary>One row per member the work was attributed to.</summary>
    Member,
    /// <summary>One row per platform (四个平台).</summary>
    Platform,
}
