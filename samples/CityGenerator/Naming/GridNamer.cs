using CityGenerator.Geo;

namespace CityGenerator.Naming;

/// <summary>
/// Names level-2 grids (村/社区, unique in the whole city) and level-3 grids (…第N片区).
/// Cells come ranked by distance from the level-1 centre: the nearest gets the centre stem and
/// is a 社区; in a 镇 or 乡 the rest are mostly 村, in a 街道/开发区 only the outermost fifth are 村.
/// </summary>
public sealed class GridNamer
{
    private readonly Queue<string> _pool;
    private readonly HashSet<string> _used = [];

    private readonly CitySettings _city;

    /// <summary>Stems come from the city's settings: centre stems, preferred stems and the random pool.</summary>
    public GridNamer(Random random, CitySettings city)
    {
        _city = city;
        var reserved = city.CentreStems.Values.Concat(city.PreferredStems.Values.SelectMany(v => v)).ToHashSet();
        var pool = city.StemPool.Distinct().Where(s => !reserved.Contains(s)).ToArray();
        random.Shuffle(pool);
        _pool = new Queue<string>(pool);
    }

    /// <summary>Names the level-2 cells of a level-1 unit; the cells come ranked nearest-the-centre first.</summary>
    public List<string> NameVillages(Town town, int count)
    {
        var preferred = new Queue<string>(_city.PreferredStems.GetValueOrDefault(town.GridName, []));
        var centre = _city.CentreStems.TryGetValue(town.GridName, out var c) ? c
            : throw new InvalidDataException($"{CitySettings.FileName}: centreStems has no stem for {town.GridName}");
        var names = new List<string>(count);
        for (var rank = 0; rank < count; rank++)
        {
            var stem = rank == 0 ? centre
                : preferred.Count > 0 ? preferred.Dequeue()
                : NextStem();
            names.Add(Take(stem) + Suffix(town.Kind, rank, count));
        }
        return names;
    }

    public static string NameBlock(string villageName, int ordinal) => $"{villageName}第{ChineseNumerals.Of(ordinal)}片区";

    private static string Suffix(string kind, int rank, int count) => kind switch
    {
        "镇" or "乡" => rank == 0 || (rank == 1 && count >= 10) ? "社区" : "村",
        _ => rank >= count - count / 5 ? "村" : "社区",
    };

    private string NextStem()
    {
        while (_pool.TryDequeue(out var stem))
        {
            if (!_used.Contains(stem))
            {
                return stem;
            }
        }
        throw new InvalidOperationException($"place-name stem pool exhausted; add stems to stemPool in {CitySettings.FileName}");
    }

    private string Take(string stem) =>
        _used.Add(stem) ? stem : throw new InvalidOperationException($"stem {stem} used twice");
}
