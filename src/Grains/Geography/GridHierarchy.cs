using System.Collections.Frozen;

namespace CommandCenter.Grains.Geography;

/// <summary>
/// A validated, immutable grid hierarchy. Built only by <see cref="GridImport"/>, so every instance
/// has one root, known parents, and children inside their parents.
/// </summary>
public sealed class GridHierarchy
{
    private readonly FrozenDictionary<string, GridNode> byId;
    private readonly FrozenDictionary<string, GridNode[]> children;

    internal GridHierarchy(IReadOnlyList<GridNode> nodes, string version)
    {
        Nodes = nodes;
        Version = version;
        byId = nodes.ToFrozenDictionary(n => n.Id, StringComparer.Ordinal);
        children = nodes.Where(n => n.ParentId is not null)
            .GroupBy(n => n.ParentId!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(n => n.Id, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Root = nodes.Single(n => n.ParentId is null);
    }

    /// <summary>A content hash: two imports of the same features have the same version.</summary>
    public string Version { get; }
    public GridNode Root { get; }
    public IReadOnlyList<GridNode> Nodes { get; }

    public GridNode? Find(string id) => byId.GetValueOrDefault(id);

    public IReadOnlyList<GridNode> ChildrenOf(string id) => children.TryGetValue(id, out var c) ? c : [];

    /// <summary>The grid and its ancestors, deepest first, ending at the city.</summary>
    public IReadOnlyList<GridNode> ChainOf(string id)
    {
        var chain = new List<GridNode>(4);
        for (var node = Find(id); node is not null; node = node.ParentId is null ? null : Find(node.ParentId))
            chain.Add(node);
        return chain;
    }

    /// <summary>The grid and every grid below it.</summary>
    public IEnumerable<GridNode> SubtreeOf(string id)
    {
        var start = Find(id);
        if (start is null) yield break;
        var stack = new Stack<GridNode>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in ChildrenOf(node.Id)) stack.Push(child);
        }
    }

    public bool IsWithin(string id, string ancestorId) => ChainOf(id).Any(n => n.Id == ancestorId);

    public static GridRef RefOf(GridNode node) => new(node.Id, node.Name, node.Level);
}
