using CommandCenter.Assessment;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Assessment;
using CommandCenter.Inspections;
using CommandCenter.Reports;
using CommandCenter.Storage;
using Hangfire;
using Hangfire.AspNetCore;

namespace CommandCenter.Jobs;

/// <summary>
/// Hangfire: the job storage the storage profile picks, an in-process server with few workers (two
/// cores are shared with the silo), the four recurring jobs on the city's clock, and the dashboard at
/// /hangfire for admins only.
/// </summary>
public static class JobSetup
{
    public const string DashboardPath = "/hangfire";

    public static void AddCommandCenterJobs(this WebApplicationBuilder builder, StorageOptions storage)
    {
        var weights = builder.Configuration.GetSection("Assessment:Weights").Get<AssessmentWeights>() ?? new AssessmentWeights();
        if (weights.Problems() is { Count: > 0 } problems)
            throw new InvalidOperationException("Assessment weights are invalid: " + string.Join("; ", problems));
        builder.Services.AddSingleton(weights);
        builder.Services.AddSingleton<ArchiveRun>();
        builder.Services.AddSingleton<DailyReport>();
        builder.Services.AddSingleton<MonthlyAssessment>();
        builder.Services.AddSingleton(InspectionOptions.Read(builder.Configuration));
        builder.Services.AddSingleton<RandomInspection>();
        builder.Services.AddSingleton<InspectionFollowUps>();
        builder.Services.AddSingleton<TrackRetentionRun>();
        builder.Services.AddSingleton<JobRunner>();
        // Where runs are recorded and who catches up a missed occurrence: see SqliteJobRuns and HangfireJobRuns.
        if (storage.IsEmbedded)
        {
            builder.Services.AddSingleton<IJobRuns, SqliteJobRuns>();
            builder.Services.AddSingleton<MissedJobCatchUp>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<MissedJobCatchUp>());
        }
        else builder.Services.AddSingleton<IJobRuns, HangfireJobRuns>();

        // Hangfire's defaults are process-wide statics; this host's storage and activator are registered
        // first so that two centers in one process (tests) never run each other's jobs.
        builder.Services.AddJobStorage(storage);
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, config) => config
            .UseLogProvider(new HangfireLogs(new AspNetCoreLogProvider(sp.GetRequiredService<ILoggerFactory>())))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        builder.Services.AddHangfireServer((sp, server) =>
        {
            server.WorkerCount = builder.Configuration.GetValue("Jobs:Workers", 2);
            server.ServerName = $"command-center-{Environment.ProcessId}";
        });
        builder.Services.AddHostedService<RecurringJobSchedule>();
    }

    public static void MapCommandCenterJobs(this WebApplication app)
    {
        app.MapJobEndpoints();
        app.MapInspectionEndpoints();
        app.MapPublicInspectionEndpoints();
        app.MapReportEndpoints();
        app.MapDossierEndpoints();
        Archive.ArchiveEndpoints.MapArchiveEndpoints(app);
        // The endpoint's policy decides (401 without a token, 403 for anyone but an admin); Hangfire's own filters are off.
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, DashboardPath,
            new DashboardOptions { DashboardTitle = "Command center jobs", DisplayStorageConnectionString = false },
            app.Services.GetRequiredService<JobStorage>())
            .NotGridScoped("the job dashboard: admin only, and admins are never scoped");
    }
}
