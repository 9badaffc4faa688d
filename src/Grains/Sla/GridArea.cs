namespace CommandCenter.Grains.Sla;

/// <summary>
/// Whether an incident lies in town or country; verification gets more time where distances are long.
/// A property of each grid in the grid import ("area": "urban" or "rural"), inherited from the parent
/// where a feature leaves it out; the city itself is urban unless it says otherwise.
/// </summary>
public enum GridArea
{
    Urban,
    Rural,
}
