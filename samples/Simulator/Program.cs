using System.Diagnostics;
using CommandCenter.Simulator;

// A city day of 江阴市 driven through the center's public HTTP and SignalR API. See README ("Demo").
var options = SimulationOptions.Parse(args);
var random = new Random(options.Seed);
var api = new CenterApi(options);
Console.WriteLine($"Signing in to {options.Center} …");
await api.SignIn("operator1", options.DemoPassword);
await api.SignIn("supervisor1", options.DemoPassword);
var adminToken = await api.SignIn("admin", options.AdminPassword);
Console.WriteLine($"Intake channels: {await api.LearnIntakeCredentials()}");
var city = await CityModel.Load(api, options.Workers, random);
Console.WriteLine($"City: {city.Blocks.Count} blocks, {city.Workers.Count} workers on patrol, {city.Categories.Count} categories; speed {options.Speed}×, {options.Hours} h, {options.IncidentsPerDay} reports/day");

await using var wall = new WallWatcher(options.Center, adminToken);
await wall.Start();
var patrol = new Patrol(api, city, random);
await patrol.GoOnDuty();
var work = new CaseWork(api, random);
using var stop = new CancellationTokenSource();
var patrolling = patrol.Run(stop.Token);
var cases = new List<Task>();
long reported = 0, duplicates = 0, failedReports = 0;
var seen = new HashSet<string>();

var clock = Stopwatch.StartNew();
var length = TimeSpan.FromHours(options.Hours);
var lastProgress = TimeSpan.Zero;
var owed = 0.0;
while (true)
{
    var simulated = clock.Elapsed * options.Speed;
    if (simulated >= length) break;
    var hour = (options.StartHour + simulated.TotalHours) % 24;
    // Reports due in this 100 ms tick of simulated time, carried over as a fraction.
    owed += DayCurve.RatePerHour(hour, options.IncidentsPerDay) * (0.1 * options.Speed / 3600);
    while (owed >= 1)
    {
        owed -= 1;
        var block = city.Blocks[random.Next(city.Blocks.Count)];
        var (lat, lon) = CityModel.PointIn(block, random);
        var category = city.Categories[random.Next(city.Categories.Count)];
        var channel = DayCurve.Channel(random, hour);
        var mark = wall.Mark();
        var id = await api.Report(channel, category, lat, lon, $"模拟上报 {channel} {category}");
        if (id is null) { failedReports++; continue; }
        reported++;
        if (!seen.Add(id)) { duplicates++; continue; }
        wall.Reported(id, mark);
        cases.Add(work.Handle(id, stop.Token));
    }
    if (clock.Elapsed - lastProgress >= TimeSpan.FromSeconds(5))
    {
        lastProgress = clock.Elapsed;
        var (p50, p99, _) = wall.Latency();
        Console.WriteLine($"[{TimeSpan.FromHours(options.StartHour) + simulated:hh\\:mm} sim, {clock.Elapsed:mm\\:ss} real] reported {reported} (dup {duplicates}), dispatched {work.Dispatched}, closed {work.Closed}, " +
                          $"breached {wall.Breached.Count}, pings {patrol.PingsKept}/{patrol.PingsSent}, pushes {wall.Batches} (gaps {wall.Gaps}), report→wall p50 {p50:0} ms p99 {p99:0} ms, errors {api.Errors}");
    }
    await Task.Delay(100);
}

Console.WriteLine("The day is over; letting open cases finish (at most 2 minutes) …");
await Task.WhenAny(Task.WhenAll(cases), Task.Delay(TimeSpan.FromMinutes(2)));
stop.Cancel();
try { await patrolling; } catch (OperationCanceledException) { }

var (l50, l99, measured) = wall.Latency();
var distinct = seen.Count;
Console.WriteLine();
Console.WriteLine("| summary | value |");
Console.WriteLine("|---|---:|");
Console.WriteLine($"| simulated | {options.Hours} h at {options.Speed}× in {clock.Elapsed:hh\\:mm\\:ss} |");
Console.WriteLine($"| reports (new cases / linked as duplicates / failed) | {reported} ({distinct} / {duplicates} / {failedReports}) |");
Console.WriteLine($"| dispatched / accepted / resolved / verified / closed by return visit | {work.Dispatched} / {work.Accepted} / {work.Resolved} / {work.Verified} / {work.Closed} |");
Console.WriteLine($"| reworks / no candidate on duty | {work.Reworks} / {work.Unassigned} |");
Console.WriteLine($"| incidents that breached a deadline | {wall.Breached.Count} |");
Console.WriteLine($"| on-time rate (cases without any breach / distinct cases) | {(distinct == 0 ? 0 : 100.0 * (distinct - wall.Breached.Count) / distinct):0.0}% |");
Console.WriteLine($"| location pings kept / sent | {patrol.PingsKept} / {patrol.PingsSent} |");
Console.WriteLine($"| wall pushes received (sequence gaps) | {wall.Batches} ({wall.Gaps}) |");
Console.WriteLine($"| report → wall push p50 / p99 ({measured} measured) | {l50:0.0} ms / {l99:0.0} ms |");
Console.WriteLine($"| request errors | {api.Errors} |");
foreach (var (what, count) in api.ErrorKinds.OrderByDescending(e => e.Value).Take(8)) Console.WriteLine($"  {count} × {what}");
