using CommandCenter.Access;
using CommandCenter.Auth;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CommandCenter.Telemetry;

/// <summary>
/// OpenTelemetry for the host (docs/operations.md, "Telemetry"): metrics from ASP.NET Core, Orleans and the
/// center's own meter, scraped by Prometheus at /metrics (admins only) and pushed over OTLP when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set; traces from HTTP through grain calls to the ledger's writes, recorded
/// only when something takes them (an OTLP endpoint, or Telemetry:Tracing = true), so an unobserved node pays
/// nothing per grain call.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";
    public const string ServiceName = "grid-command-center";

    /// <summary>Orleans' own span sources: the runtime's (membership, placement) and every grain call's.</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>ASP.NET Core's built-in meters (requests, connections, SignalR's connections, rate limits, auth).</summary>
    private static readonly string[] AspNetCoreMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization",
    ];

    public static void AddCommandCenterTelemetry(this WebApplicationBuilder builder, bool postgres)
    {
        var configuration = builder.Configuration;
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var tracing = otlp || configuration.GetValue("Telemetry:Tracing", false);
        builder.Services.AddHostedService<OpenCaseLights>();
        var telemetry = builder.Services.AddOpenTelemetry()
            // A service name given here wins over the environment's, so OTEL_SERVICE_NAME is read here; other OTEL_RESOURCE_ATTRIBUTES apply as they are.
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? ServiceName,
                serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CenterMetrics.MeterName, "Microsoft.Orleans").AddMeter(AspNetCoreMeters).AddHttpClientInstrumentation();
                // A scrape reads the figures of now: admins only may scrape, so no cache guards against a storm of them.
                metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp) metrics.AddOtlpExporter();
            });
        if (!tracing) return;
        telemetry.WithTracing(traces =>
        {
            traces.AddSource(CenterTraces.SourceName).AddSource(OrleansSources)
                // The scrape and the health probe would be most of the spans and say nothing.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath) && !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation();
            if (postgres) traces.AddSource("Npgsql");
            if (otlp) traces.AddOtlpExporter();
        });
    }

    /// <summary>Orleans passes the caller's trace context along every grain call (otherwise each call starts a trace of its own).</summary>
    public static void AddSiloTelemetry(this ISiloBuilder silo) => silo.AddActivityPropagation();

    /// <summary>The Prometheus scrape endpoint, behind the admin policy like the other operators' consoles.</summary>
    public static void MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath)
            .RequireAuthorization(Policies.Admin)
            .NotGridScoped("the metrics: admin only, and admins are never scoped")
            .WithTags("Operations");
}
