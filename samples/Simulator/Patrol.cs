namespace CommandCenter.Simulator;

/// <summary>
/// Workers on patrol: each walks at a stroll around its home grid and its phone sends the positions it
/// collected every ten seconds as one batch, as the worker app does.
/// </summary>
public sealed class Patrol(CenterApi api, CityModel city, Random random)
{
    private static readonly TimeSpan BatchEvery = TimeSpan.FromSeconds(10);
    public long PingsSent;
    public long PingsKept;

    public async Task GoOnDuty()
    {
        await Parallel.ForEachAsync(city.Workers, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (w, _) => await api.Put("admin", $"/api/members/{w.Id}/duty", new { state = "on" }));
    }

    public async Task Run(CancellationToken stop)
    {
        // Spread the phones over the batch interval so the center sees a steady stream, not bursts.
        var slices = 20;
        var slice = 0;
        while (!stop.IsCancellationRequested)
        {
            var batch = city.Workers.Where((_, i) => i % slices == slice).ToList();
            slice = (slice + 1) % slices;
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stop }, async (w, _) =>
            {
                var pings = new List<object>();
                var now = DateTimeOffset.UtcNow;
                for (var s = 3; s >= 0; s--)
                {
                    Step(w);
                    pings.Add(new { lat = w.Lat, lon = w.Lon, at = now.AddSeconds(-s * 2.5) });
                }
                var (ok, answer) = await api.Post("admin", $"/api/members/{w.Id}/locations", new { pings });
                Interlocked.Add(ref PingsSent, pings.Count);
                if (ok) Interlocked.Add(ref PingsKept, answer.GetProperty("kept").GetInt32());
            });
            try { await Task.Delay(BatchEvery / slices, stop); } catch (TaskCanceledException) { }
        }
    }

    private void Step(CityModel.Worker w)
    {
        // About 1.2 m/s, turning at random, pulled back when it leaves its grid.
        var block = city.BlocksById[w.GridId];
        double lat, lon;
        lock (random)
        {
            lat = w.Lat + (random.NextDouble() - 0.5) * 0.00005;
            lon = w.Lon + (random.NextDouble() - 0.5) * 0.00005;
        }
        if (CityModel.Contains(block.Ring, lon, lat)) (w.Lat, w.Lon) = (lat, lon);
    }
}
