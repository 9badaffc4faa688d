using CommandCenter.Grains.Geography;

namespace CommandCenter.Grains.Places;

/// <summary>How a query matched a name, best first.</summary>
public enum MatchKind { Exact, Prefix, Contains, Pinyin, Fuzzy }

/// <summary>One answer of a search: the place, how well it matched, and the grids it lies in (deepest first).</summary>
public sealed record PlaceMatch(Place Place, int Score, MatchKind MatchedBy, IReadOnlyList<GridNode> Chain);
