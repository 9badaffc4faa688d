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
    /// <summary>One row per reporter (the account that reported: a member's account is its member id, e.g. a 信息员).</summary>
    Reporter,
    /// <summary>One row per channel the report came in by (worker app, 12345 hotline, Open311, patrol, sensor…).</summary>
    Channel,
}
