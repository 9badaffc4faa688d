using CommandCenter.Auth;
using CommandCenter.Grids;
using CommandCenter.Incidents;
using CommandCenter.Jobs;
using CommandCenter.Members;
using CommandCenter.Samples;
using CommandCenter.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

// Storage, cluster membership and reminders: one switch (Storage:Profile).
var storage = builder.AddCommandCenterStorage();
builder.Services.Configure<SampleOptions>(builder.Configuration.GetSection(SampleOptions.Section));
builder.Services.TryAddSingleton(TimeProvider.System);

builder.AddCommandCenterAuth(storage.Secrets);
builder.Services.AddSingleton<GridDirectory>();
builder.Services.AddSingleton<CommandCenter.Grains.Geography.ICityMap, CityMap>();
builder.Services.AddSingleton<CommandCenter.Grains.Wall.IFeedPublisher, CommandCenter.Wall.SignalRFeedPublisher>();
builder.Services.AddSignalR()
    .AddMessagePackProtocol(o => o.SerializerOptions = MessagePack.MessagePackSerializerOptions.Standard.WithResolver(CommandCenter.Wall.WireTime.Resolver).WithSecurity(MessagePack.MessagePackSecurity.UntrustedData))
    .AddBackplane(storage);
builder.Services.AddHostedService<SampleCityLoader>();
builder.AddIncidents(storage);
builder.Services.AddSingleton<ArchiveRun>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<CommandCenter.Http.BadRequestHandler>();
// Unreadable requests become exceptions in every environment, so one handler words them the same way.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapGet("/health", async (GridDirectory grids) =>
{
    var index = await grids.Current();
    return Results.Ok(new { status = "ok", profile = storage.Options.Profile, gridVersion = index?.Hierarchy.Version, grids = index?.Hierarchy.Nodes.Count ?? 0 });
}).AllowAnonymous().WithTags("Health");
app.MapAuthEndpoints();
app.MapGridEndpoints();
app.MapMemberEndpoints();
app.MapIncidentEndpoints();
app.MapJobEndpoints();
CommandCenter.Wall.WallEndpoints.MapWallEndpoints(app);

app.Run();

/// <summary>The web host's entry point; public so tests can start it in-process.</summary>
public partial class Program;
