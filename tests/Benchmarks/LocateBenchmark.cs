using System.Diagnostics;
using CommandCenter.Grains.Geography;

namespace CommandCenter.Benchmarks;

/// <summary>Point → grid lookups per second on the sample city: the STRtree index beside a brute-force scan, same points, same run.</summary>
internal static class LocateBenchmark
{
    public sealed record Figures(int Grids, double Indexed, double Parallel, double Brute);

    public static Figures Run(string root)
    {
        var sw = Stopwatch.StartNew();
        var hierarchy = GridImport.Read(File.ReadAllText(Path.Combine(root, "samples", "Jiangyin", "grids.geojson"))).Hierarchy
                        ?? throw new InvalidOperationException("sample grids rejected");
        var readMs = sw.Elapsed.TotalMilliseconds;
        sw.Restart();
        var index = new GridIndex(hierarchy);
        var buildMs = sw.Elapsed.TotalMilliseconds;

        var envelope = hierarchy.Root.Geometry.EnvelopeInternal;
        var random = new Random(42);
        var points = Enumerable.Range(0, 200_000)
            .Select(_ => (Lat: envelope.MinY + random.NextDouble() * envelope.Height, Lon: envelope.MinX + random.NextDouble() * envelope.Width))
            .ToArray();

        var indexed = Measure(points, p => index.Locate(p.Lat, p.Lon), TimeSpan.FromSeconds(3));
        var brute = Measure(points, p => index.LocateByScan(p.Lat, p.Lon), TimeSpan.FromSeconds(3));
        var parallel = MeasureParallel(points, index, TimeSpan.FromSeconds(3));

        Console.WriteLine($"Sample city: {hierarchy.Nodes.Count} grids; read+validate {readMs:0} ms, index build {buildMs:0} ms");
        Console.WriteLine($"| lookup | points/s | ");
        Console.WriteLine($"|---|---:|");
        Console.WriteLine($"| STRtree + IndexedPointInAreaLocator, 1 thread | {indexed:N0} |");
        Console.WriteLine($"| STRtree + IndexedPointInAreaLocator, {Environment.ProcessorCount} threads | {parallel:N0} |");
        Console.WriteLine($"| brute force (Covers on every grid), 1 thread | {brute:N0} |");
        Console.WriteLine($"Speed-up of the index over brute force: {indexed / brute:0.0}×");
        return new Figures(hierarchy.Nodes.Count, indexed, parallel, brute);
    }

    private static double Measure((double Lat, double Lon)[] points, Func<(double Lat, double Lon), GridLocation?> locate, TimeSpan budget)
    {
        for (var i = 0; i < 1_000; i++) locate(points[i]); // warm-up
        var sw = Stopwatch.StartNew();
        var done = 0;
        while (sw.Elapsed < budget)
        {
            locate(points[done % points.Length]);
            done++;
        }
        return done / sw.Elapsed.TotalSeconds;
    }

    private static double MeasureParallel((double Lat, double Lon)[] points, GridIndex index, TimeSpan budget)
    {
        var threads = Environment.ProcessorCount;
        var counts = new long[threads];
        var sw = Stopwatch.StartNew();
        Parallel.For(0, threads, t =>
        {
            var i = t;
            while (sw.Elapsed < budget)
            {
                index.Locate(points[i % points.Length].Lat, points[i % points.Length].Lon);
                i += threads;
                counts[t]++;
            }
        });
        return counts.Sum() / sw.Elapsed.TotalSeconds;
    }
}
