namespace CommandCenter.Simulator;

/// <summary>What to simulate, from the command line (--name value).</summary>
public sealed record SimulationOptions
{
    public Uri Center { get; init; } = new("http://127.0.0.1:5080");
    public string DemoPassword { get; init; } = "demo";
    public string AdminPassword { get; init; } = "admin-demo";
    public int Workers { get; init; } = 2_000;
    public double Speed { get; init; } = 100;
    public double Hours { get; init; } = 24;
    public double StartHour { get; init; }
    public int IncidentsPerDay { get; init; } = 2_000;
    public int Seed { get; init; } = 20261124;
    public string? Open311Key { get; init; }
    public string? WebhookSource { get; init; }
    public string? WebhookSecret { get; init; }

    public static SimulationOptions Parse(string[] args)
    {
        var o = new SimulationOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var (name, value) = (args[i].TrimStart('-').ToLowerInvariant(), args[i + 1]);
            o = name switch
            {
                "url" => o with { Center = new Uri(value) },
                "password" => o with { DemoPassword = value },
                "admin-password" => o with { AdminPassword = value },
                "workers" => o with { Workers = int.Parse(value) },
                "speed" => o with { Speed = Math.Clamp(double.Parse(value, System.Globalization.CultureInfo.InvariantCulture), 1, 100) },
                "hours" => o with { Hours = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "start-hour" => o with { StartHour = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "incidents" => o with { IncidentsPerDay = int.Parse(value) },
                "seed" => o with { Seed = int.Parse(value) },
                "open311-key" => o with { Open311Key = value },
                "webhook-source" => o with { WebhookSource = value },
                "webhook-secret" => o with { WebhookSecret = value },
                _ => throw new ArgumentException($"Unknown option --{name}. Options: --url --password --admin-password --workers --speed --hours --start-hour --incidents --seed --open311-key --webhook-source --webhook-secret"),
            };
        }
        return o;
    }
}
