using System.Globalization;
using NetTopologySuite.Geometries;

namespace CityGenerator.Geo;

/// <summary>A level-1 unit (镇, 街道 or 开发区) and its centre.</summary>
public sealed record Town(string GridName, string Kind, Coordinate Centre)
{
    /// <summary>Towns (镇) and townships (乡) are countryside, streets (街道) and zones (开发区) town: verification gets more time where distances are long.</summary>
    public string Area => Kind is "镇" or "乡" ? "rural" : "urban";
}

/// <summary>Reads the towns CSV and returns the level-1 units in grid-id order: the order of its rows.</summary>
public static class TownCentres
{
    public static IReadOnlyList<Town> Load(string path, IReadOnlyDictionary<string, string> shortNames)
    {
        var rows = File.ReadAllLines(path).Skip(1).Where(l => l.Trim().Length > 0).Select(ParseRow).ToList();
        var names = new HashSet<string>();
        var towns = new List<Town>();
        foreach (var row in rows)
        {
            var name = shortNames.GetValueOrDefault(row.GridName, row.GridName);
            if (!names.Add(name))
            {
                throw new InvalidDataException($"{path}: two rows for {name}");
            }
            towns.Add(row with { GridName = name });
        }
        if (towns.Count is < 2 or > 99)
        {
            throw new InvalidDataException($"{path}: {towns.Count} rows; need 2 to 99 level-1 units");
        }
        return towns;
    }
    private static Town ParseRow(string line)
    {
        // name,kind,lon,lat,source — only the source column may be quoted, and it is not used here.
        var cells = line.Split(',', 5);
        if (cells.Length < 4)
        {
            throw new InvalidDataException($"bad towns row: {line}");
        }
        var lon = double.Parse(cells[2], CultureInfo.InvariantCulture);
        var lat = double.Parse(cells[3], CultureInfo.InvariantCulture);
        return new Town(cells[0], cells[1], new Coordinate(lon, lat));
    }
}
