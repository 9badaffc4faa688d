namespace CommandCenter.Grains.Inspections;

/// <summary>An inspector who may be drawn: a 督查员 of the roster and its home grid.</summary>
public sealed record DrawInspector(string MemberId, string HomeGridId);

/// <summary>A case that may be drawn: handled or closed in the period, its town (level-1 grid) and its grid chain (deepest first).</summary>
public sealed record DrawCandidate(string IncidentId, string TownId, IReadOnlyList<string> GridChain);

/// <summary>One pair the draw made: this inspector checks this case.</summary>
public sealed record DrawnPair(string InspectorId, string IncidentId, string TownId);

/// <summary>
/// How many checks a town gets: at most <see cref="PerTown"/> in a period (or the town's own figure in <see cref="ByTown"/>),
/// and at most <see cref="PerRun"/> in one run, so a daily draw spreads the month's checks over the month.
/// </summary>
public sealed record DrawQuotas(int PerTown, IReadOnlyDictionary<string, int> ByTown, int PerRun)
{
    public int ForTown(string townId) => ByTown.TryGetValue(townId, out var own) ? own : PerTown;
}

/// <summary>What the period's book already holds: the checks drawn per town, the cases drawn, and each inspector's tasks.</summary>
public sealed record DrawnSoFar(
    IReadOnlyDictionary<string, int> ByTown, IReadOnlySet<string> Cases, IReadOnlyDictionary<string, int> ByInspector)
{
    public static DrawnSoFar None { get; } = new(new Dictionary<string, int>(), new HashSet<string>(), new Dictionary<string, int>());

    public static DrawnSoFar Of(IEnumerable<InspectionTask> period)
    {
        var tasks = period.ToList();
        return new DrawnSoFar(
            tasks.Where(t => t.TownId is not null).GroupBy(t => t.TownId!).ToDictionary(g => g.Key, g => g.Count()),
            tasks.Select(t => t.IncidentId).ToHashSet(StringComparer.Ordinal),
            tasks.GroupBy(t => t.InspectorId).ToDictionary(g => g.Key, g => g.Count()));
    }
}

/// <summary>
/// 双随机 (two randoms): the cases and the inspectors are both drawn at random, so nobody can predict or choose who
/// checks what. Pure, and deterministic for a seed: the same lists (in any order), book and seed give the same pairs.
/// Rules:
/// <list type="bullet">
/// <item>an inspector never checks a case whose grid chain holds its home grid (its own grid, or a grid below it);</item>
/// <item>a town never gets more checks in a period than its quota (counting those the book already holds), nor more than
/// <see cref="DrawQuotas.PerRun"/> in one run;</item>
/// <item>a case is drawn at most once in a period;</item>
/// <item>inspectors are spread: of those who may check a case, one with the fewest tasks this period (counting this run) is
/// taken, at random among equals.</item>
/// </list>
/// </summary>
public static class InspectionDraw
{
    public static IReadOnlyList<DrawnPair> Draw(
        IReadOnlyList<DrawInspector> inspectors, IReadOnlyList<DrawCandidate> candidates, DrawQuotas quotas, DrawnSoFar soFar, int seed)
    {
        var random = new Random(seed);
        // Sorted first, so the order the caller listed them in never changes the outcome.
        var people = inspectors.DistinctBy(i => i.MemberId).OrderBy(i => i.MemberId, StringComparer.Ordinal).ToList();
        var cases = Shuffled(candidates.DistinctBy(c => c.IncidentId).OrderBy(c => c.IncidentId, StringComparer.Ordinal).ToList(), random);
        var load = people.ToDictionary(p => p.MemberId, p => soFar.ByInspector.GetValueOrDefault(p.MemberId));
        var pairs = new List<DrawnPair>();

        // Town by town in turns, one case each, so no town's cases come first to the least-loaded inspectors.
        var allowance = cases.Select(c => c.TownId).Distinct()
            .ToDictionary(town => town, town => Math.Min(quotas.PerRun, quotas.ForTown(town) - soFar.ByTown.GetValueOrDefault(town)));
        var queues = cases.Where(c => !soFar.Cases.Contains(c.IncidentId)).GroupBy(c => c.TownId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Queue<DrawCandidate>(g)).ToList();
        for (var drewThisTurn = true; drewThisTurn;)
        {
            drewThisTurn = false;
            foreach (var queue in queues)
            {
                while (queue.Count > 0 && allowance[queue.Peek().TownId] > 0)
                {
                    var candidate = queue.Dequeue();
                    var eligible = people.Where(p => !IsOwnGrid(p.HomeGridId, candidate.GridChain)).ToList();
                    if (eligible.Count == 0) continue;          // nobody may check it: the town's next case
                    var fewest = eligible.Min(p => load[p.MemberId]);
                    var least = eligible.Where(p => load[p.MemberId] == fewest).ToList();
                    var inspector = least[random.Next(least.Count)];
                    load[inspector.MemberId]++;
                    pairs.Add(new DrawnPair(inspector.MemberId, candidate.IncidentId, candidate.TownId));
                    allowance[candidate.TownId]--;
                    drewThisTurn = true;
                    break;
                }
            }
        }
        return pairs;
    }

    /// <summary>Whether the inspector's home grid is in the case's chain: the case lies in the inspector's own grid.</summary>
    public static bool IsOwnGrid(string homeGridId, IReadOnlyList<string> gridChain) => gridChain.Contains(homeGridId);

    private static List<T> Shuffled<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }
}
