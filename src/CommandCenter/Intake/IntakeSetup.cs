using CommandCenter.Open311;
using CommandCenter.Storage;

namespace CommandCenter.Intake;

public static class IntakeSetup
{
    /// <summary>The channels from outside: Open311, signed webhooks, and what they share (body limit, idempotency keys).</summary>
    public static void AddIntake(this WebApplicationBuilder builder, ISharedValues secrets)
    {
        // Before the options below bind: generated credentials fill what configuration left empty.
        builder.Services.AddSingleton(PartnerAccess.Fill(builder.Configuration, secrets));
        builder.Services.AddHostedService<PartnerAccessNotice>();
        builder.Services.Configure<IntakeOptions>(builder.Configuration.GetSection(IntakeOptions.Section));
        builder.Services.Configure<Open311Options>(builder.Configuration.GetSection(Open311Options.Section));
        builder.Services.AddSingleton<IncidentIntake>();
        builder.Services.AddSingleton<SignatureReplayGuard>();
        builder.Services.AddSingleton<WebhookSignatures>();
        builder.Services.AddSingleton<Open311Clients>();
    }

    /// <summary>After routing and authorization: intake endpoints get their body read whole, within the limit.</summary>
    public static void UseIntakeBodies(this IApplicationBuilder app) => app.UseMiddleware<IntakeBodyReader>();

    public static void MapIntakeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapWebhookEndpoints();
        app.MapOpen311Endpoints();
        app.MapPartnerAccessEndpoints();
    }
}
