using System.Text.Json;

namespace CommandCenter.Simulator;

/// <summary>The city as the simulator needs it: blocks to report in, workers and their home grids, categories.</summary>
public sealed class CityModel
{
    public required IReadOnlyList<Block> Blocks { get; init; }
    public required IReadOnlyDictionary<string, Block> BlocksById { get; init; }
    public required IReadOnlyList<Worker> Workers { get; init; }
    public required IReadOnlyList<string> Categories { get; init; }

    public sealed record Block(string Id, double[][] Ring, double MinLat, double MaxLat, double MinLon, double MaxLon);

    public sealed class Worker(string id, string gridId)
    {
        public string Id { get; } = id;
        public string GridId { get; } = gridId;
        public double Lat { get; set; }
        public double Lon { get; set; }
        public DateTimeOffset LastPing { get; set; }
    }

    public static async Task<CityModel> Load(CenterApi api, int workerCount, Random random)
    {
        var blocks = new List<Block>();
        foreach (var level in new[] { 2, 3 })
        {
            var grids = (await api.Get("operator1", $"/api/grids?level={level}"))!.Value;
            foreach (var f in grids.GetProperty("features").EnumerateArray())
            {
                var geometry = f.GetProperty("geometry");
                var coordinates = geometry.GetProperty("coordinates");
                var ring = (geometry.GetProperty("type").GetString() == "MultiPolygon" ? coordinates[0][0] : coordinates[0])
                    .EnumerateArray().Select(p => new[] { p[0].GetDouble(), p[1].GetDouble() }).ToArray();
                blocks.Add(new Block(f.GetProperty("properties").GetProperty("id").GetString()!, ring,
                    ring.Min(p => p[1]), ring.Max(p => p[1]), ring.Min(p => p[0]), ring.Max(p => p[0])));
            }
        }
        var byId = blocks.ToDictionary(b => b.Id);
        var members = (await api.Get("operator1", "/api/members"))!.Value.EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() is "GridWorker" or "GridLeader" or "Patroller")
            .Select(m => new Worker(m.GetProperty("id").GetString()!, m.GetProperty("gridId").GetString()!))
            .Where(w => byId.ContainsKey(w.GridId))
            .OrderBy(_ => random.Next()).Take(workerCount).ToList();
        foreach (var w in members) (w.Lat, w.Lon) = PointIn(byId[w.GridId], random);
        var categories = (await api.Get("operator1", "/api/categories"))!.Value.EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();
        return new CityModel { Blocks = blocks.Where(b => b.Id.Count(c => c == '-') == 2).ToList(), BlocksById = byId, Workers = members, Categories = categories };
    }

    /// <summary>A uniformly random point inside a grid (rejection sampling in its bounding box).</summary>
    public static (double Lat, double Lon) PointIn(Block block, Random random)
    {
        for (var i = 0; i < 200; i++)
        {
            var lat = block.MinLat + random.NextDouble() * (block.MaxLat - block.MinLat);
            var lon = block.MinLon + random.NextDouble() * (block.MaxLon - block.MinLon);
            if (Contains(block.Ring, lon, lat)) return (lat, lon);
        }
        return ((block.MinLat + block.MaxLat) / 2, (block.MinLon + block.MaxLon) / 2);
    }

    public static bool Contains(double[][] ring, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
            if ((ring[i][1] > y) != (ring[j][1] > y) && x < (ring[j][0] - ring[i][0]) * (y - ring[i][1]) / (ring[j][1] - ring[i][1]) + ring[i][0])
                inside = !inside;
        return inside;
    }
}
