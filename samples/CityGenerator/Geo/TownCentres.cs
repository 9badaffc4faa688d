using System.Globalization;
using NetTopologySuite.Geometries;

namespace CityGenerator.Geo;

/// <summary>A level-1 unit (镇, 街道 or 开发区) and its centre.</summary>
public sealed record Town(string GridName, string Kind, Coordinate Centre)
{
    /// <summary>Towns (镇) are countryside, streets (街道) and zones (开发区) town: verification gets more time where distances are long.</summary>
    public string Area => Kind == "镇" ? "rural" : "urban";
}

/// <summary>Reads jiangyin-towns.csv and returns the 18 level-1 units in grid-id order (JY01..JY18).</summary>
public static class TownCentres
{
    private static readonly string[] Order =
    [
        "澄江街道", "南闸街道", "云亭街道", "夏港街道", "申港街道", "利港街道",
        "璜土镇", "月城镇", "青阳镇", "徐霞客镇", "华士镇", "周庄镇",
        "新桥镇", "长泾镇", "顾山镇", "祝塘镇", "高新区", "临港开发区",
    ];

    private static readonly Dictionary<string, string> ShortNames = new()
    {
        ["江阴高新技术产业开发区"] = "高新区",
        ["江阴临港经济开发区"] = "临港开发区",
    };

    public static IReadOnlyList<Town> Load(string path)
    {
        var rows = File.ReadAllLines(path).Skip(1).Where(l => l.Trim().Length > 0).Select(ParseRow).ToList();
        var byName = new Dictionary<string, Town>();
        foreach (var row in rows)
        {
            var name = ShortNames.GetValueOrDefault(row.GridName, row.GridName);
            byName.Add(name, row with { GridName = name });
        }
        return Order.Select(n => byName.TryGetValue(n, out var t) ? t
            : throw new InvalidDataException($"{path}: no row for {n}")).ToList();
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
