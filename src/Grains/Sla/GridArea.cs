namespace CommandCenter.Grains.Sla;

/// <summary>
/// Whether an incident lies in town or country; verification gets more time where distances are long.
/// The caller decides from the level-1 grid: 街道, 开发区 and 区 are urban, 镇 is rural.
/// </summary>
public enum GridArea
{
    Urban,
    Rural,
}
