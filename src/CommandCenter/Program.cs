using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Exports;
using CommandCenter.Grids;
using CommandCenter.Incidents;
using CommandCenter.Intake;
using CommandCenter.Jobs;
using CommandCenter.Kpis;
using CommandCenter.Members;
using CommandCenter.Replay;
using CommandCenter.Samples;
using CommandCenter.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

// Moving up from the embedded profile: a one-off command, not a start of the center.
if (args.Length > 0 && args[0] == CommandCenter.Storage.Postgres.EmbeddedCopy.Verb)
    return await CommandCenter.Storage.Postgres.EmbeddedCopy.Command(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
// First: every setting checked (a bad one stops the start naming it), then proxies, HTTPS, compression, logs.
CommandCenter.Http.Edge.AddEdge(builder);
CommandCenter.Http.ListenAddress.UseDefaultUrlsUnlessSet(builder);

// Storage, cluster membership and reminders: one switch (Storage:Profile).
var storage = await builder.AddCommandCenterStorage();
builder.Services.Configure<SampleOptions>(builder.Configuration.GetSection(SampleOptions.Section));
builder.Services.TryAddSingleton(TimeProvider.System);

builder.AddCommandCenterAuth(storage.Secrets);
CommandCenter.Telemetry.TelemetrySetup.AddCommandCenterTelemetry(builder, storage.Options.IsPostgres);
builder.Services.AddSingleton<GridDirectory>();
builder.Services.AddSingleton<CommandCenter.Grains.GrainReferences>();
builder.Services.AddSingleton<GridShapes>();
builder.Services.AddSingleton<CommandCenter.Places.PlaceDirectory>();
builder.Services.AddSingleton<CommandCenter.Access.ScopeGate>();
builder.Services.AddSingleton<CommandCenter.Grains.Geography.ICityMap, CityMap>();
builder.Services.AddSingleton<CommandCenter.Grains.Wall.IFeedPublisher, CommandCenter.Wall.SignalRFeedPublisher>();
builder.Services.AddSignalR()
    .AddMessagePackProtocol(o => o.SerializerOptions = MessagePack.MessagePackSerializerOptions.Standard.WithResolver(CommandCenter.Wall.WireTime.Resolver).WithSecurity(MessagePack.MessagePackSecurity.UntrustedData))
    .AddBackplane(storage);
builder.Services.AddHostedService<SampleCityLoader>();
builder.AddIncidents(storage);
builder.AddIntake(storage.Secrets);
// Every request body is capped; the largest are grid imports (a city's GeoJSON). Intake endpoints cap theirs lower (Intake:MaxBodyBytes).
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Http:MaxRequestBodyBytes", 16L * 1024 * 1024));
builder.Services.AddSingleton<PhotoStore>();
builder.Services.AddSingleton<PhotoUploads>();
PhotoOptions.Add(builder.Services, builder.Configuration);
builder.Services.AddSingleton<ScopeHistory>();
builder.Services.AddSingleton<ReplayStream>();
builder.Services.AddSingleton<KpiDesk>();
CommandCenter.Admin.AdminEndpoints.AddAdmin(builder.Services);
builder.AddPatrol();
builder.AddCommandCenterJobs(storage.Options);
CommandCenter.Health.HealthSetup.AddCenterHealth(builder, storage);
builder.Services.AddProblemDetails();
CommandCenter.Http.RateLimits.AddCommandCenterRateLimits(builder);
builder.Services.AddExceptionHandler<CommandCenter.Http.BadRequestHandler>();
// Unreadable requests become exceptions in every environment, so one handler words them the same way.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);

var app = builder.Build();

// Forwarded headers, HTTPS, the access log and compression wrap everything, the dashboard's files included.
CommandCenter.Http.Edge.UseEdge(app);
// The dashboard's pages and files come next: public, before any token is asked for.
CommandCenter.Dashboard.DashboardPages.UseDashboard(app);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
// After authentication: a signed-in caller is limited per account.
app.UseRateLimiter();
app.UseAuthorization();
app.UseIntakeBodies();
CommandCenter.Http.InputChecksSetup.UseInputChecks(app);

app.MapOpenApi().AllowAnonymous().NotGridScoped("public: the API's description");
app.MapScalarApiReference().AllowAnonymous().NotGridScoped("public: the API's reference page");
app.MapGet("/health", async (GridDirectory grids) =>
{
    var index = await grids.Current();
    return Results.Ok(new { status = "ok", profile = storage.Options.Profile, gridVersion = index?.Hierarchy.Version, grids = index?.Hierarchy.Nodes.Count ?? 0 });
}).AllowAnonymous().NotGridScoped("public: the node's health").WithTags("Health");
CommandCenter.Health.HealthSetup.MapCenterHealth(app);
app.MapAuthEndpoints();
CommandCenter.Admin.AdminEndpoints.MapAdminEndpoints(app);
app.MapGridEndpoints();
CommandCenter.Places.PlaceEndpoints.MapPlaceEndpoints(app);
CommandCenter.City.CityEndpoints.MapCityEndpoints(app);
app.MapMemberEndpoints();
app.MapIncidentEndpoints();
app.MapReturnVisitEndpoints();
app.MapIntakeEndpoints();
app.MapPhotoEndpoints();
CommandCenter.Wall.WallEndpoints.MapWallEndpoints(app);
app.MapReplayEndpoints();
app.MapKpiEndpoints();
CommandCenter.Assessment.AssessmentEndpoints.MapAssessmentEndpoints(app);
CommandCenter.Admin.PolicyAdminEndpoints.MapPolicyDraftEndpoints(app);
app.MapExportEndpoints();
app.MapCommandCenterJobs();
CommandCenter.Telemetry.TelemetrySetup.MapMetrics(app);
CommandCenter.Telemetry.OrleansDashboardSetup.MapOrleansDashboardForAdmins(app);

app.Run();
return 0;

/// <summary>The web host's entry point; public so tests can start it in-process.</summary>
public partial class Program;
