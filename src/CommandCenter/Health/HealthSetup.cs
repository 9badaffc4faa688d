using CommandCenter.Access;
using CommandCenter.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Health;

/// <summary>
/// /health/live (the process answers) and /health/ready (this node should get traffic: started and not stopping, its
/// storage takes writes, Redis answers where it is used, its silo is active, its grids are loaded), plus the stop's
/// timing (Shutdown:TimeoutSeconds, Shutdown:ReadyDrainSeconds).
/// </summary>
public static class HealthSetup
{
    public const string Ready = "ready";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static void AddCenterHealth(this WebApplicationBuilder builder, StorageSetup storage)
    {
        // How long a stop may take in all (the drain, requests in flight, the silo's hand-over, the ledger's last
        // commits) before the host gives up waiting; an orchestrator's grace period should be longer.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Shutdown:TimeoutSeconds", 30.0)));
        builder.Services.AddSingleton<CenterReadiness>();
        builder.Services.AddHostedService<StopDrain>();

        var checks = builder.Services.AddHealthChecks()
            .AddCheck<LifecycleCheck>("lifecycle", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<SiloCheck>("silo", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<GridsCheck>("grids", tags: [Ready], timeout: CheckTimeout);
        var options = storage.Options;
        if (options.IsPostgres) checks.AddCheck<PostgresCheck>("storage", tags: [Ready], timeout: CheckTimeout);
        else if (options.IsRedis)
            checks.Add(new HealthCheckRegistration("storage", sp => new RedisWriteCheck(storage.Redis!,
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.ClusterOptions>>().Value.ServiceId), null, [Ready], CheckTimeout));
        else checks.AddCheck<SqliteWriteCheck>("storage", tags: [Ready], timeout: CheckTimeout);
        // Redis outside the Redis profile carries the SignalR backplane only: pushes to other nodes' clients need it.
        if (storage.Redis is { } redis && !options.IsRedis)
            checks.Add(new HealthCheckRegistration("redis", _ => new RedisPingCheck(redis), null, [Ready], CheckTimeout));
    }

    public static void MapCenterHealth(this WebApplication app)
    {
        app.MapGet("/health/live", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new { status = "healthy" });
        }).AllowAnonymous().NotGridScoped("public: whether the process answers").WithTags("Health")
          .WithSummary("Liveness: 200 while the process answers. Restart the node when this fails, never because ready fails.");

        app.MapGet("/health/ready", async (HealthCheckService health, CenterReadiness readiness, HttpContext http) =>
        {
            readiness.Asked();
            var report = await health.CheckHealthAsync(r => r.Tags.Contains(Ready), http.RequestAborted);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(ReadinessAnswer.Of(report, readiness.Phase),
                statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }).AllowAnonymous().NotGridScoped("public: whether this node should get traffic; names no data, path or secret").WithTags("Health")
          .WithSummary("Readiness: 200 when this node should get traffic, 503 while starting, from the moment it is told to stop, or when a check fails; lists each check.");
    }
}
