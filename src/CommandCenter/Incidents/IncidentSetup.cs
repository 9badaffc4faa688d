using CommandCenter.City;
using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Incidents;

public static class IncidentSetup
{
    /// <summary>
    /// The city's rules: read from the sample city's files (or the product's blank start) to seed a new store, then from
    /// the stored codebook the admin console edits. A bad file stops the start with a message naming the bad entry.
    /// Services that need the catalogue, the policy or the settings take <see cref="ICityRules"/> and read it at each use;
    /// an endpoint may take them directly (resolved per request).
    /// </summary>
    public static void AddIncidents(this WebApplicationBuilder builder, CommandCenter.Storage.StorageSetup storage)
    {
        var options = IncidentOptions.From(builder.Configuration, builder.Environment.ContentRootPath);
        var rules = new CityRules(options.InitialCodebook());
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(rules);
        builder.Services.AddSingleton<ICityRules>(rules);
        builder.Services.AddTransient(_ => rules.Catalogue);
        builder.Services.AddTransient(_ => rules.Policy);
        builder.Services.AddTransient(_ => rules.City);
        builder.Services.AddSingleton<CityRulesSync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CityRulesSync>());
        builder.Services.AddSingleton<IncidentDesk>();
        builder.Services.AddSingleton(new CommandCenter.Grains.Incidents.DuplicateRule(
            builder.Configuration.GetValue("Intake:DuplicateRadiusMetres", 50.0),
            builder.Configuration.GetValue("Intake:DuplicateWindow", TimeSpan.FromHours(24))));
        builder.Services.AddSingleton(CommandCenter.Dispatch.AutoDispatchPolicy.From(builder.Configuration));
        builder.Services.AddSingleton<CommandCenter.Dispatch.Recommender>();
        var reminder = new SlaReminderOptions { Period = builder.Configuration.GetValue("Sla:ReminderPeriod", SlaReminderOptions.DefaultPeriod) };
        builder.Services.AddSingleton(reminder);
        // Durable reminders bring every running clock back by themselves; in-memory ones need the start-up scan.
        if (!storage.RemindersAreDurable) builder.Services.AddHostedService<SlaRearm>();
        // Except after a copy from the embedded profile, whose reminders were in memory: the first start re-arms once.
        else if (storage.Options.IsPostgres)
        {
            builder.Services.AddSingleton<SlaRearm>();
            builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<CommandCenter.Storage.Postgres.PostgresCopiedClocks>(
                sp, storage.Options.PostgresConnectionString()));
        }
    }
}
