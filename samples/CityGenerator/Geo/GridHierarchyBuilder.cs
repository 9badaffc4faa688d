using CityGenerator.Naming;
using NetTopologySuite.Geometries;

namespace CityGenerator.Geo;

/// <summary>
/// Builds the four grid levels: the city outline, the Voronoi cells of the town centres, and two
/// levels of seeded Voronoi cells inside each parent. Children are numbered nearest-the-parent's
/// centre first, so JY01-01 is the seat community of JY01 and …第一片区 is the central block.
/// The city (id prefix, name, stems) comes from its <see cref="CitySettings"/>.
/// </summary>
public static class GridHierarchyBuilder
{
    private const int TargetVillages = 215;
    private const double BlocksPerVillage = 6.9;
    private const double MinCellShare = 0.2; // a cell below 20 % of its parent's mean cell area is dissolved
    private const int MaxAttempts = 10;

    public static List<GridCell> Build(Polygon outline, IReadOnlyList<Town> towns, CitySettings city)
    {
        var grids = new List<GridCell> { new(city.Id, null, 0, city.Name, outline) { Area = city.Area } };
        var townCells = BuildTowns(outline, towns, city);
        grids.AddRange(townCells);

        var namer = new GridNamer(StableSeed.Random("village-names"), city);
        var villages = new List<GridCell>();
        for (var i = 0; i < towns.Count; i++)
        {
            villages.AddRange(BuildVillages(townCells[i], towns[i], outline.Area, namer));
        }
        grids.AddRange(villages);

        var meanVillageArea = villages.Average(v => v.Geometry.Area);
        foreach (var village in villages)
        {
            grids.AddRange(BuildBlocks(village, meanVillageArea));
        }
        return grids;
    }

    private static List<GridCell> BuildTowns(Polygon outline, IReadOnlyList<Town> towns, CitySettings city)
    {
        var cells = VoronoiPartitioner.Partition(outline, towns.Select(t => t.Centre).ToList());
        if (cells.Count != towns.Count)
        {
            throw new InvalidOperationException($"expected {towns.Count} level-1 cells, got {cells.Count}");
        }
        var result = new List<GridCell>();
        for (var i = 0; i < towns.Count; i++)
        {
            var cell = cells[i].Cell;
            if (!cell.Covers(Spatial.Factory.CreatePoint(towns[i].Centre)))
            {
                throw new InvalidOperationException($"{towns[i].GridName}: centre is outside its own cell");
            }
            result.Add(new GridCell(city.TownId(i), city.Id, 1, towns[i].GridName, cell) { Site = towns[i].Centre, Area = towns[i].Area });
        }
        return result;
    }

    private static IEnumerable<GridCell> BuildVillages(GridCell town, Town info, double cityArea, GridNamer namer)
    {
        var count = Math.Clamp((int)Math.Round(TargetVillages * town.Geometry.Area / cityArea), 8, 14);
        var cells = PartitionWithRetries(town, count, minimum: 8);
        var ranked = RankFrom(cells, info.Centre);
        var names = namer.NameVillages(info, ranked.Count);
        return ranked.Select((c, k) => new GridCell(
            $"{town.Id}-{k + 1:00}", town.Id, 2, names[k], c.Cell) { Site = c.Site });
    }

    private static IEnumerable<GridCell> BuildBlocks(GridCell village, double meanVillageArea)
    {
        var count = Math.Clamp((int)Math.Round(BlocksPerVillage * village.Geometry.Area / meanVillageArea), 4, 8);
        var cells = PartitionWithRetries(village, count, minimum: 4);
        var ranked = RankFrom(cells, village.Site ?? village.Geometry.InteriorPoint.Coordinate);
        return ranked.Select((c, k) => new GridCell(
            $"{village.Id}-{k + 1:00}", village.Id, 3, GridNamer.NameBlock(village.Name, k + 1), c.Cell) { Site = c.Site });
    }

    /// <summary>Seeded partition; if small cells had to be dissolved below the minimum count, reseed.</summary>
    private static List<(Coordinate Site, Geometry Cell)> PartitionWithRetries(GridCell parent, int count, int minimum)
    {
        List<(Coordinate, Geometry)> cells = [];
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var random = StableSeed.Random($"{parent.Id}#{attempt}");
            var sites = SiteSampler.Sample(parent.Geometry, count, random);
            cells = VoronoiPartitioner.Partition(parent.Geometry, sites, MinCellShare * parent.Geometry.Area / count);
            if (cells.Count >= minimum)
            {
                return cells;
            }
        }
        Console.Error.WriteLine($"warning: {parent.Id} has only {cells.Count} children after {MaxAttempts} attempts");
        return cells;
    }

    private static List<(Coordinate Site, Geometry Cell)> RankFrom(
        List<(Coordinate Site, Geometry Cell)> cells, Coordinate centre)
    {
        var point = Spatial.Factory.CreatePoint(centre);
        return cells
            .OrderBy(c => c.Cell.Distance(point))
            .ThenBy(c => c.Cell.Centroid.Distance(point))
            .ToList();
    }
}
